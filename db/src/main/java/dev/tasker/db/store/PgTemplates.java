package dev.tasker.db.store;

import dev.tasker.core.engine.TaskFactory;
import dev.tasker.core.engine.TemplateRecord;
import dev.tasker.core.json.Json;
import dev.tasker.core.json.Hashing;
import dev.tasker.core.template.TaskTemplate;
import dev.tasker.core.template.TemplateParser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Template rows: immutable definitions, one current row per namespace/name/version. */
final class PgTemplates {

    private static final TemplateParser STORED = new TemplateParser(null, callable -> true);

    private final Tx tx;

    PgTemplates(Tx tx) {
        this.tx = tx;
    }

    TemplateRecord register(TaskTemplate template) {
        String definition = Json.canonical(template.definition());
        String hash = Hashing.sha256(definition);
        UUID uuid = tx.run(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "template:" + template.key());
                lock.execute();
            }
            try (PreparedStatement retire = c.prepareStatement("""
                    UPDATE task_templates SET is_current = false
                    WHERE namespace = ? AND name = ? AND version = ? AND definition_hash <> ? AND is_current""")) {
                retire.setString(1, template.namespace());
                retire.setString(2, template.name());
                retire.setString(3, template.version());
                retire.setString(4, hash);
                retire.executeUpdate();
            }
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO task_templates (template_uuid, namespace, name, version, definition, definition_hash, source_file)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (namespace, name, version, definition_hash) DO UPDATE SET is_current = true
                    RETURNING template_uuid""")) {
                upsert.setObject(1, TaskFactory.newUuid());
                upsert.setString(2, template.namespace());
                upsert.setString(3, template.name());
                upsert.setString(4, template.version());
                upsert.setString(5, definition);
                upsert.setString(6, hash);
                upsert.setString(7, template.sourceFile());
                try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
        return new TemplateRecord(uuid, template);
    }

    Optional<TemplateRecord> find(String namespace, String name, String version) {
        return tx.read(c -> {
            List<TemplateRecord> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT template_uuid, definition, source_file FROM task_templates
                    WHERE is_current AND namespace = ? AND name = ? AND (?::text IS NULL OR version = ?)""")) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                ps.setString(3, version);
                ps.setString(4, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(record(rs));
                    }
                }
            }
            return rows.stream().max(Comparator.comparing(r -> SemanticVersion.parse(r.template().version())));
        });
    }

    /** Every current template, by namespace, name and version. */
    List<TemplateRecord> current() {
        return tx.read(c -> {
            List<TemplateRecord> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT template_uuid, definition, source_file FROM task_templates
                    WHERE is_current ORDER BY namespace, name, version""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(record(rs));
                }
            }
            return rows;
        });
    }

    Optional<TemplateRecord> byUuid(UUID templateUuid) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT template_uuid, definition, source_file FROM task_templates WHERE template_uuid = ?")) {
                ps.setObject(1, templateUuid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(record(rs)) : Optional.empty();
                }
            }
        });
    }

    private static TemplateRecord record(ResultSet rs) throws SQLException {
        TaskTemplate t = STORED.parse(rs.getString(2), rs.getString(3));
        return new TemplateRecord(rs.getObject(1, UUID.class), t);
    }


    /** Enough of semver to pick the latest version: numeric major.minor.patch, a release above its pre-releases. */
    record SemanticVersion(int major, int minor, int patch, boolean release) implements Comparable<SemanticVersion> {
        static SemanticVersion parse(String v) {
            String[] core = v.split("[-+]", 2)[0].split("\\.");
            return new SemanticVersion(Integer.parseInt(core[0]), Integer.parseInt(core[1]), Integer.parseInt(core[2]),
                    !v.contains("-"));
        }

        @Override
        public int compareTo(SemanticVersion o) {
            return Comparator.comparingInt(SemanticVersion::major).thenComparingInt(SemanticVersion::minor)
                    .thenComparingInt(SemanticVersion::patch).thenComparing(SemanticVersion::release).compare(this, o);
        }
    }
}
