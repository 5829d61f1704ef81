package dev.tasker.db.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The LISTEN/NOTIFY channel of one schema: "work:&lt;namespace&gt;" wakes the workers that serve the namespace ("work":
 * any), "cancel:&lt;uuid&gt;" interrupts a task's running attempts.
 */
public final class Notifications {

    private final String channel;

    public Notifications(String schema) {
        this.channel = "tasker_" + schema;
    }

    public String channel() {
        return channel;
    }

    void work(Connection c) throws SQLException {
        send(c, "work");
    }

    void work(Connection c, String namespace) throws SQLException {
        send(c, workPayload(namespace));
    }

    static String workPayload(String namespace) {
        return "work:" + namespace;
    }

    void cancel(Connection c, UUID taskUuid) throws SQLException {
        send(c, "cancel:" + taskUuid);
    }

    private void send(Connection c, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, payload);
            ps.execute();
        }
    }
}
