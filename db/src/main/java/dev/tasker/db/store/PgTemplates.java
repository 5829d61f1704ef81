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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Template rows: immutable definitions, one current row per namespace/name/version. */
final class PgTemplates {

    private static final TemplateParser STORED = new TemplateParser(null, callable -> true);

    private final Tx tx;
    /** Template rows never change, so a row parsed once serves every later task of it. */
    private final Map<UUID, TemplateRecord> parsed = new ConcurrentHashMap<>();

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
        return parsed.computeIfAbsent(uuid, k -> new TemplateRecord(uuid, template));
    }

    Optional<TemplateRecord> find(String namespace, String name, String version) {
        return tx.read(c -> {
            UUID newest = null;
            SemanticVersion newestVersion = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT template_uuid, version FROM task_templates
                    WHERE is_current AND namespace = ? AND name = ? AND (?::text IS NULL OR version = ?)""")) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                ps.setString(3, version);
                ps.setString(4, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SemanticVersion v = SemanticVersion.parse(rs.getString(2));
                        if (newestVersion == null || v.compareTo(newestVersion) > 0) {
                            newest = rs.getObject(1, UUID.class);
                            newestVersion = v;
                        }
                    }
                }
            }
            return newest == null ? Optional.<TemplateRecord>empty() : Optional.of(parsed(c, newest));
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
                    UUID uuid = rs.getObject(1, UUID.class);
                    rows.add(parsed.computeIfAbsent(uuid, k -> parse(rs)));
                }
            }
            return rows;
        });
    }

    Optional<TemplateRecord> byUuid(UUID templateUuid) {
        TemplateRecord cached = parsed.get(templateUuid);
        return cached != null ? Optional.of(cached) : tx.read(c -> Optional.ofNullable(parsed(c, templateUuid)));
    }

    /** The row of {@code templateUuid}, parsed once; null if there is none. */
    private TemplateRecord parsed(Connection c, UUID templateUuid) throws SQLException {
        TemplateRecord cached = parsed.get(templateUuid);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT template_uuid, definition, source_file FROM task_templates WHERE template_uuid = ?")) {
            ps.setObject(1, templateUuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? parsed.computeIfAbsent(templateUuid, k -> parse(rs)) : null;
            }
        }
    }

    private static TemplateRecord parse(ResultSet rs) {
        try {
            return record(rs);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
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
