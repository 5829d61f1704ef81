package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.events.DomainEvent;
import dev.tasker.core.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The outbox of durable domain events: written with the step's outcome, drained by a publisher. */
public final class PgOutbox {

    /** Publishes one event; throws to leave it (and the ones after it) for the next round. */
    @FunctionalInterface
    public interface Publisher {
        void publish(UUID eventId, String eventName, JsonNode event) throws Exception;
    }

    private final Tx tx;

    public PgOutbox(DataSource dataSource) {
        this.tx = new Tx(dataSource);
    }

    static void write(Connection c, List<DomainEvent> events) throws SQLException {
        List<DomainEvent> durable = events.stream().filter(DomainEvent::durable).toList();
        if (durable.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO domain_event_outbox (event_id, event_name, task_uuid, step_uuid, event) VALUES (?, ?, ?, ?, ?::jsonb)""")) {
            for (DomainEvent e : durable) {
                ps.setObject(1, e.eventId());
                ps.setString(2, e.name());
                ps.setObject(3, e.taskUuid());
                ps.setObject(4, e.stepUuid());
                ps.setString(5, e.toJson().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Publishes up to {@code limit} unpublished events in order, marking each one that went out; stops at the
     * first failure, which is recorded on the event (attempts, last_error). Answers how many were published.
     */
    public int drain(int limit, Publisher publisher) {
        return tx.run(c -> {
            int published = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, event_id, event_name, event FROM domain_event_outbox WHERE published_at IS NULL
                    ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        try {
                            publisher.publish(rs.getObject(2, UUID.class), rs.getString(3), Json.read(rs.getString(4)));
                        } catch (Exception e) {
                            mark(c, id, e.getMessage() == null ? e.toString() : e.getMessage());
                            break;
                        }
                        mark(c, id, null);
                        published++;
                    }
                }
            }
            return published;
        });
    }

    /** Events not yet published. */
    public long backlog() {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM domain_event_outbox WHERE published_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void mark(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(error == null
                ? "UPDATE domain_event_outbox SET published_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE id = ?"
                : "UPDATE domain_event_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            if (error == null) {
                ps.setLong(1, id);
            } else {
                ps.setString(1, error);
                ps.setLong(2, id);
            }
            ps.executeUpdate();
        }
    }
}
