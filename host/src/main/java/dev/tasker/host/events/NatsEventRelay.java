package dev.tasker.host.events;

import dev.tasker.db.store.PgOutbox;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes the outbox of durable domain events to NATS JetStream (stream {@code TASKER_EVENTS}, subjects
 * {@code tasker.events.<event name>}), with each event's id as the message id so that a re-publish after a
 * crash is dropped as a duplicate (within an hour). An event that NATS refuses by its own fault is retried a few times,
 * then set aside as a dead letter (the outbox row's {@code dead_at}, with its last error); the others go on. While NATS is unreachable the events wait in the outbox; steps never wait.
 */
public final class NatsEventRelay implements AutoCloseable {

    public static final String STREAM = "TASKER_EVENTS";
    public static final String SUBJECTS = "tasker.events.>";
    /** How long JetStream drops a re-published event id: longer than an event stays taken by a relay that died. */
    static final Duration DUPLICATE_WINDOW = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(NatsEventRelay.class.getName());

    private final String url;
    private final PgOutbox outbox;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean stopped;
    private Connection connection;
    private JetStream jetStream;
    private boolean outageLogged;

    public NatsEventRelay(String url, PgOutbox outbox, Duration interval) {
        this.url = url;
        this.outbox = outbox;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("tasker-nats-relay").daemon().start(this::run);
    }

    private void run() {
        while (!stopped) {
            int published = 0;
            try {
                JetStream js = jetStream();
                published = outbox.drain(100, (id, name, event) -> publish(js, id, name, event));
                if (outageLogged && published > 0) {
                    LOG.info(() -> "NATS at " + url + " is back; publishing the events that waited");
                    outageLogged = false;
                }
            } catch (Exception e) {
                if (!outageLogged) {
                    LOG.log(Level.WARNING, "Cannot publish domain events to NATS at " + url + " (" + e.getMessage()
                            + "); they wait in the outbox until it answers");
                    outageLogged = true;
                }
                disconnect();
            }
            if (published < 100) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A closed connection is NATS being away (an IOException), not the event's fault. */
    private void publish(JetStream js, java.util.UUID id, String name, com.fasterxml.jackson.databind.JsonNode event) throws Exception {
        if (connection == null || connection.getStatus() != Connection.Status.CONNECTED) {
            throw new java.io.IOException("not connected to NATS at " + url);
        }
        try {
            js.publish("tasker.events." + subjectToken(name), event.toString().getBytes(StandardCharsets.UTF_8),
                    PublishOptions.builder().messageId(id.toString()).build());
        } catch (IllegalStateException closed) {
            throw new java.io.IOException(closed.getMessage(), closed);
        }
    }

    private JetStream jetStream() throws Exception {
        if (connection == null || connection.getStatus() != Connection.Status.CONNECTED) {
            disconnect();
            connection = Nats.connect(Options.builder().server(url).connectionTimeout(Duration.ofSeconds(2))
                    .maxReconnects(0).build());
            JetStreamManagement jsm = connection.jetStreamManagement();
            try {
                jsm.getStreamInfo(STREAM);
            } catch (JetStreamApiException notThere) {
                jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECTS).storageType(StorageType.File)
                        .duplicateWindow(DUPLICATE_WINDOW).build());
            }
            jetStream = connection.jetStream();
        }
        return jetStream;
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection = null;
            jetStream = null;
        }
    }

    /** NATS subject tokens cannot hold spaces, wildcards or empty parts. */
    static String subjectToken(String eventName) {
        return eventName.replaceAll("[\\s*>]+", "_");
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
    }
}
