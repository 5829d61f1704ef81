package dev.tasker.db.store;

import dev.tasker.db.DatabaseUrl;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * LISTENs on the schema's channel on a connection of its own and reconnects when the database
 * comes back; what a lost notification misses, the workers' slow poll catches.
 */
public final class PgListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PgListener.class.getName());

    private final DatabaseUrl url;
    private final String channel;
    private final Consumer<String> onWork;
    private final Consumer<UUID> onCancel;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    /** @param onWork told the namespace in which work may be ready (null: any) */
    public PgListener(DatabaseUrl url, Notifications notifications, Consumer<String> onWork, Consumer<UUID> onCancel) {
        this.url = url;
        this.channel = notifications.channel();
        this.onWork = onWork;
        this.onCancel = onCancel;
        this.thread = Thread.ofPlatform().name("tasker-listen").daemon().start(this::loop);
    }

    private void loop() {
        long failures = 0;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                if (failures > 0) {
                    LOG.info("Listening for notifications again");
                    onWork.accept(null);
                }
                failures = 0;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(1000);
                    if (received != null) {
                        for (PGNotification n : received) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1) {
                    LOG.warning(() -> "Notification connection lost (" + e.getMessage() + "); reconnecting");
                }
                sleep(Math.min(2000, 100 * failures));
            }
        }
    }

    private void dispatch(String payload) {
        if (payload.startsWith("cancel:")) {
            onCancel.accept(UUID.fromString(payload.substring("cancel:".length())));
        } else if (payload.startsWith("work:")) {
            onWork.accept(payload.substring("work:".length()));
        } else {
            onWork.accept(null);
        }
    }

    private Connection connect() throws SQLException {
        Properties props = url.connectionProperties(java.time.Duration.ofSeconds(5), "tasker-listen");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
