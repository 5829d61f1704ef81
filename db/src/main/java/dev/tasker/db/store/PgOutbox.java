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

    /** Publishes one event; an {@link java.io.IOException} means the broker is away, anything else that the event is at fault. */
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

    /** Attempts after which an event that fails by its own fault becomes a dead letter. */
    static final int MAX_ATTEMPTS = 5;
    private static final int TAKE_SECONDS = 60;

    /**
     * Publishes up to {@code limit} unpublished events in order, outside any transaction: they are taken for a
     * minute in one short statement, published, and marked in another. An {@link java.io.IOException} (the broker
     * is away) stops the round and leaves the rest for the next; any other failure is the event's own: it is retried
     * later, after {@link #MAX_ATTEMPTS} set aside as a dead letter, and the events after it go on. Answers how many
     * were published.
     */
    public int drain(int limit, Publisher publisher) {
        List<Taken> taken = take(limit);
        List<Long> published = new java.util.ArrayList<>();
        List<Long> settled = new java.util.ArrayList<>();
        try {
            for (Taken event : taken) {
                try {
                    publisher.publish(event.eventId(), event.name(), event.event());
                    published.add(event.id());
                } catch (java.io.IOException | InterruptedException away) {
                    settled.add(event.id());
                    failed(event, message(away), false);
                    break;
                } catch (Exception e) {
                    settled.add(event.id());
                    failed(event, message(e), true);
                }
            }
        } finally {
            published(published);
            settled.addAll(published);
            released(taken, settled);
        }
        return published.size();
    }

    private record Taken(long id, UUID eventId, String name, JsonNode event, int attempts) {
    }

    private List<Taken> take(int limit) {
        return tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE domain_event_outbox SET claimed_until = clock_timestamp() + make_interval(secs => ?)
                    WHERE id IN (SELECT id FROM domain_event_outbox
                                 WHERE published_at IS NULL AND dead_at IS NULL
                                   AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
                                   AND (next_attempt_at IS NULL OR next_attempt_at <= clock_timestamp())
                                 ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING id, event_id, event_name, event, attempts""")) {
                ps.setInt(1, TAKE_SECONDS);
                ps.setInt(2, limit);
                List<Taken> out = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Taken(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), Json.read(rs.getString(4)),
                                rs.getInt(5)));
                    }
                }
                out.sort(java.util.Comparator.comparingLong(Taken::id));
                return out;
            }
        });
    }

    private void published(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE domain_event_outbox SET published_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL,
                        claimed_until = NULL
                    WHERE id = ANY(?::bigint[])""")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /** The events taken but not tried go back at once. */
    private void released(List<Taken> taken, List<Long> settled) {
        List<Long> rest = taken.stream().map(Taken::id).filter(id -> !settled.contains(id)).toList();
        if (rest.isEmpty()) {
            return;
        }
        tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE domain_event_outbox SET claimed_until = NULL WHERE id = ANY(?::bigint[])""")) {
                ps.setArray(1, c.createArrayOf("bigint", rest.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    private void failed(Taken event, String error, boolean ownFault) {
        int attempts = event.attempts() + 1;
        boolean dead = ownFault && attempts >= MAX_ATTEMPTS;
        tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE domain_event_outbox SET attempts = ?, last_error = ?, claimed_until = NULL,
                        next_attempt_at = CASE WHEN ? THEN clock_timestamp() + make_interval(secs => ?) END,
                        dead_at = CASE WHEN ? THEN clock_timestamp() END
                    WHERE id = ?""")) {
                ps.setInt(1, attempts);
                ps.setString(2, error);
                ps.setBoolean(3, ownFault);
                ps.setInt(4, 1 << Math.min(attempts, 10));
                ps.setBoolean(5, dead);
                ps.setLong(6, event.id());
                return ps.executeUpdate();
            }
        });
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Events set aside after {@link #MAX_ATTEMPTS} failures of their own, oldest first: name and last error. */
    public List<String> deadLetters() {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event_id, event_name, last_error FROM domain_event_outbox WHERE dead_at IS NOT NULL ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(2) + " " + rs.getObject(1, UUID.class) + ": " + rs.getString(3));
                }
                return out;
            }
        });
    }

    /** Events not yet published (dead letters not counted). */
    public long backlog() {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM domain_event_outbox WHERE published_at IS NULL AND dead_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
