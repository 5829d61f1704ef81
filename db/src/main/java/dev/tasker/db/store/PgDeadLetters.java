package dev.tasker.db.store;

import dev.tasker.core.dlq.DeadLetterQueue;
import dev.tasker.core.dlq.DlqEntry;
import dev.tasker.core.dlq.DlqInvestigationItem;
import dev.tasker.core.dlq.DlqReason;
import dev.tasker.core.dlq.DlqResolutionStatus;
import dev.tasker.core.dlq.DlqStats;
import dev.tasker.core.dlq.DlqUpdate;
import dev.tasker.core.dlq.StalenessItem;
import dev.tasker.core.dlq.StalenessThresholds;
import dev.tasker.core.json.Json;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The dead-letter queue in table {@code tasks_dlq}; entries are made by {@link #sweep}, run on every JVM. */
public final class PgDeadLetters implements DeadLetterQueue {

    /** A template's lifecycle override, when it is a whole number of minutes. */
    private static final String OVERRIDE = "CASE WHEN tt.definition->'lifecycle'->>'%1$s' ~ '^[0-9]{1,6}$' "
            + "THEN (tt.definition->'lifecycle'->>'%1$s')::int END";

    /**
     * Active tasks with when they last made progress (a state change, a step change, or a step running on a live
     * lease counts as now) and their state's threshold. Binds three default thresholds.
     */
    private static final String ACTIVE = """
            active AS (
                SELECT t.task_uuid, t.namespace, t.name, t.version, t.current_state, t.priority, t.created_at, t.context,
                       coalesce(t.correlation_id, t.task_uuid) AS correlation,
                       CASE WHEN EXISTS (SELECT 1 FROM workflow_steps s WHERE s.task_uuid = t.task_uuid
                                         AND s.current_state = 'in_progress' AND s.lease_expires_at > clock_timestamp())
                            THEN clock_timestamp()
                            ELSE greatest(t.updated_at, (SELECT max(s.updated_at) FROM workflow_steps s
                                                         WHERE s.task_uuid = t.task_uuid)) END AS progressed_at,
                       CASE t.current_state
                           WHEN 'waiting_for_dependencies' THEN coalesce(%s, ?)
                           WHEN 'waiting_for_retry' THEN coalesce(%s, ?)
                           ELSE coalesce(%s, ?) END AS threshold_minutes
                FROM tasks t JOIN task_templates tt ON tt.template_uuid = t.template_uuid
                WHERE t.current_state IN ('waiting_for_dependencies', 'waiting_for_retry', 'steps_in_process'))
            """.formatted(OVERRIDE.formatted("max_waiting_for_dependencies_minutes"),
            OVERRIDE.formatted("max_waiting_for_retry_minutes"), OVERRIDE.formatted("max_steps_in_process_minutes"));

    /** What an investigator reads first: the task, its context and each step's state, attempts and error. */
    private static final String SNAPSHOT = """
            jsonb_build_object('task_uuid', t.task_uuid, 'namespace', t.namespace, 'task_name', t.name,
                'version', t.version, 'current_state', t.current_state, 'priority', t.priority,
                'correlation_id', t.correlation, 'context', t.context, 'detected_at', clock_timestamp(),
                'task_age_minutes', floor(extract(epoch FROM clock_timestamp() - t.created_at) / 60)::int,
                'steps', (SELECT coalesce(jsonb_agg(jsonb_build_object('step_uuid', s.step_uuid, 'name', s.name,
                              'current_state', s.current_state, 'attempts', s.attempts, 'max_attempts', s.max_attempts,
                              'error', s.error) ORDER BY s.created_at, s.name), '[]'::jsonb)
                          FROM workflow_steps s WHERE s.task_uuid = t.task_uuid))""";

    private static final String ENTRY_COLUMNS = """
            dlq_entry_uuid, task_uuid, original_state, dlq_reason, dlq_timestamp, resolution_status, resolution_timestamp,
            resolution_notes, resolved_by, task_snapshot, metadata, created_at, updated_at""";

    private final Tx tx;

    public PgDeadLetters(DataSource dataSource) {
        this.tx = new Tx(dataSource);
    }

    @Override
    public int sweep(StalenessThresholds thresholds) {
        return tx.run(c -> {
            int entered;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO tasks_dlq (dlq_entry_uuid, task_uuid, original_state, dlq_reason, task_snapshot, metadata)
                    SELECT gen_random_uuid(), t.task_uuid, t.current_state, 'max_retries_exceeded', """ + SNAPSHOT + """
                           , jsonb_build_object('failed_steps', (SELECT count(*) FROM workflow_steps s
                                                                 WHERE s.task_uuid = t.task_uuid AND s.current_state = 'error'))
                    FROM (SELECT t.*, coalesce(t.correlation_id, t.task_uuid) AS correlation FROM tasks t
                          WHERE t.current_state IN ('blocked_by_failures', 'error')) t
                    WHERE NOT EXISTS (SELECT 1 FROM tasks_dlq d WHERE d.task_uuid = t.task_uuid
                                      AND (d.resolution_status = 'pending' OR d.dlq_timestamp >= t.updated_at))
                    ON CONFLICT DO NOTHING""")) {
                entered = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("WITH " + ACTIVE + """
                    INSERT INTO tasks_dlq (dlq_entry_uuid, task_uuid, original_state, dlq_reason, task_snapshot, metadata)
                    SELECT gen_random_uuid(), t.task_uuid, t.current_state, 'staleness_timeout', """ + SNAPSHOT + """
                           || jsonb_build_object('threshold_minutes', t.threshold_minutes,
                                  'time_in_state_minutes', floor(extract(epoch FROM clock_timestamp() - t.progressed_at) / 60)::int),
                           jsonb_build_object('threshold_minutes', t.threshold_minutes,
                                  'time_in_state_minutes', floor(extract(epoch FROM clock_timestamp() - t.progressed_at) / 60)::int)
                    FROM active t
                    WHERE t.progressed_at < clock_timestamp() - make_interval(mins => t.threshold_minutes)
                      AND NOT EXISTS (SELECT 1 FROM tasks_dlq d WHERE d.task_uuid = t.task_uuid
                                      AND (d.resolution_status = 'pending' OR d.dlq_timestamp >= t.progressed_at))
                    ON CONFLICT DO NOTHING""")) {
                bindThresholds(ps, 1, thresholds);
                entered += ps.executeUpdate();
            }
            return entered;
        });
    }

    private static int bindThresholds(PreparedStatement ps, int first, StalenessThresholds thresholds) throws SQLException {
        ps.setInt(first, thresholds.waitingForDependencies());
        ps.setInt(first + 1, thresholds.waitingForRetry());
        ps.setInt(first + 2, thresholds.stepsInProcess());
        return first + 3;
    }

    @Override
    public List<DlqEntry> list(String resolutionStatus, int limit, int offset) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + """
                     FROM tasks_dlq WHERE (?::text IS NULL OR resolution_status = ?)
                    ORDER BY dlq_timestamp DESC, dlq_entry_uuid LIMIT ? OFFSET ?""")) {
                ps.setString(1, resolutionStatus);
                ps.setString(2, resolutionStatus);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                return entries(ps);
            }
        });
    }

    @Override
    public Optional<DlqEntry> latestFor(UUID taskUuid) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS
                    + " FROM tasks_dlq WHERE task_uuid = ? ORDER BY dlq_timestamp DESC LIMIT 1")) {
                ps.setObject(1, taskUuid);
                return entries(ps).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<DlqEntry> update(UUID dlqEntryUuid, DlqUpdate update) {
        return tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tasks_dlq SET
                        resolution_status = coalesce(?, resolution_status),
                        resolution_timestamp = CASE WHEN ?::text IS NULL THEN resolution_timestamp
                                                    WHEN ?::text = 'pending' THEN NULL ELSE clock_timestamp() END,
                        resolution_notes = coalesce(?, resolution_notes),
                        resolved_by = coalesce(?, resolved_by),
                        metadata = CASE WHEN ?::jsonb IS NULL THEN metadata ELSE coalesce(metadata, '{}'::jsonb) || ?::jsonb END,
                        updated_at = clock_timestamp()
                    WHERE dlq_entry_uuid = ?
                    RETURNING\s""" + ENTRY_COLUMNS)) {
                String status = update.resolutionStatus() == null ? null : update.resolutionStatus().stored();
                String metadata = update.metadata() == null || update.metadata().isNull() ? null : update.metadata().toString();
                ps.setString(1, status);
                ps.setString(2, status);
                ps.setString(3, status);
                ps.setString(4, update.resolutionNotes());
                ps.setString(5, update.resolvedBy());
                ps.setString(6, metadata);
                ps.setString(7, metadata);
                ps.setObject(8, dlqEntryUuid);
                return entries(ps).stream().findFirst();
            }
        });
    }

    @Override
    public List<DlqStats> stats() {
        return tx.read(c -> {
            List<DlqStats> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT dlq_reason, count(*),
                           count(*) FILTER (WHERE resolution_status = 'pending'),
                           count(*) FILTER (WHERE resolution_status = 'manually_resolved'),
                           count(*) FILTER (WHERE resolution_status = 'permanently_failed'),
                           count(*) FILTER (WHERE resolution_status = 'cancelled'),
                           min(dlq_timestamp), max(dlq_timestamp),
                           avg(extract(epoch FROM resolution_timestamp - dlq_timestamp) / 60)
                               FILTER (WHERE resolution_timestamp IS NOT NULL)
                    FROM tasks_dlq GROUP BY dlq_reason ORDER BY dlq_reason""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double avg = rs.getDouble(9);
                    out.add(new DlqStats(DlqReason.fromStored(rs.getString(1)).json(), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), PgTaskQueries.instant(rs, 7), PgTaskQueries.instant(rs, 8),
                            rs.wasNull() ? null : avg));
                }
            }
            return out;
        });
    }

    @Override
    public List<DlqInvestigationItem> investigationQueue(int limit) {
        return tx.read(c -> {
            List<DlqInvestigationItem> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT d.dlq_entry_uuid, d.task_uuid, d.original_state, d.dlq_reason, d.dlq_timestamp,
                           extract(epoch FROM clock_timestamp() - d.dlq_timestamp) / 60 AS minutes,
                           CASE d.dlq_reason WHEN 'dependency_cycle_detected' THEN 1000 WHEN 'max_retries_exceeded' THEN 500
                                             WHEN 'staleness_timeout' THEN 100 WHEN 'worker_unavailable' THEN 50 ELSE 10 END
                               + extract(epoch FROM clock_timestamp() - d.dlq_timestamp) / 60 AS priority_score,
                           t.namespace, t.name, t.current_state, (d.metadata->>'time_in_state_minutes')::int
                    FROM tasks_dlq d JOIN tasks t ON t.task_uuid = d.task_uuid
                    WHERE d.resolution_status = 'pending'
                    ORDER BY priority_score DESC LIMIT ?""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Integer inState = rs.getObject(11) == null ? null : rs.getInt(11);
                        out.add(new DlqInvestigationItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getString(3), DlqReason.fromStored(rs.getString(4)).json(), PgTaskQueries.instant(rs, 5),
                                rs.getDouble(6), rs.getDouble(7), rs.getString(8), rs.getString(9), rs.getString(10), inState));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<StalenessItem> staleness(StalenessThresholds thresholds, int limit) {
        return tx.read(c -> {
            List<StalenessItem> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("WITH " + ACTIVE + """
                    SELECT task_uuid, namespace, name, current_state,
                           floor(extract(epoch FROM clock_timestamp() - progressed_at) / 60)::int AS in_state,
                           floor(extract(epoch FROM clock_timestamp() - created_at) / 60)::int AS age,
                           threshold_minutes, priority,
                           extract(epoch FROM clock_timestamp() - progressed_at) / 60 / threshold_minutes AS ratio
                    FROM active ORDER BY ratio DESC, priority DESC LIMIT ?""")) {
                int next = bindThresholds(ps, 1, thresholds);
                ps.setInt(next, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double ratio = rs.getDouble(9);
                        String health = ratio >= 1 ? "stale" : ratio >= 0.8 ? "warning" : "healthy";
                        out.add(new StalenessItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), health, rs.getInt(8)));
                    }
                }
            }
            return out;
        });
    }

    private static List<DlqEntry> entries(PreparedStatement ps) throws SQLException {
        List<DlqEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DlqEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        DlqReason.fromStored(rs.getString(4)).json(), PgTaskQueries.instant(rs, 5),
                        DlqResolutionStatus.fromStored(rs.getString(6)).json(), PgTaskQueries.instant(rs, 7), rs.getString(8),
                        rs.getString(9), Json.read(rs.getString(10)), Json.read(rs.getString(11)), PgTaskQueries.instant(rs, 12),
                        PgTaskQueries.instant(rs, 13)));
            }
        }
        return out;
    }
}
