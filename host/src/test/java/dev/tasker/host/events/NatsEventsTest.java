package dev.tasker.host.events;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.json.Json;
import dev.tasker.db.store.PgOutbox;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable events reach NATS JetStream, and events published while NATS is down arrive when it returns. The
 * test runs its own nats-server (the Debian package) on a free port, so that it can stop it, and stops it at the end.
 */
class NatsEventsTest {

    private Path dir;
    private int port;
    private Process nats;
    private TaskerServer server;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("nats-events");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startNats();
        Files.writeString(dir.resolve("ship.mjs"), """
                import { StepHandler } from '@tasker-systems/tasker';
                export class Ship extends StepHandler { call(ctx) { return { shipped: ctx.getInput('order') }; } }
                """);
        Files.writeString(dir.resolve("ship.yaml"), """
                name: ship
                namespace_name: orders
                version: 1.0.0
                steps:
                  - name: ship
                    handler: { callable: Ship }
                    publishes_events: [ { name: order.shipped, condition: success, delivery_mode: durable } ]
                """);
        server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(dir), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 1, dir.resolve(".ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT,
                new TaskerConfig.EventsConfig("nats://127.0.0.1:" + port)));
    }

    private void startNats() throws IOException {
        String binary = natsServer();
        nats = new ProcessBuilder(binary, "-js", "-a", "127.0.0.1", "-p", Integer.toString(port), "-sd", dir.resolve("js").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nats.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection c = Nats.connect("nats://127.0.0.1:" + port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * The nats-server binary. {@code ./tasker test} installs it (or says it cannot) and requires it; a plain
     * {@code mvn verify} on a machine without it reports these tests as skipped, with the reason.
     */
    private static String natsServer() {
        var found = java.util.stream.Stream.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String why = "nats-server is not installed (apt-get install nats-server; ./tasker test installs it)";
        if ("required".equals(System.getenv("TASKER_TEST_NATS"))) {
            throw new AssertionError(why);
        }
        org.junit.jupiter.api.Assumptions.abort(why);
        return null;
    }

    private void stopNats() throws InterruptedException {
        nats.destroy();
        nats.waitFor(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (nats != null) {
            stopNats();
        }
        TestDatabases.deleteRecursively(dir);
    }

    private UUID ship(String order) {
        return server.engine().tasks().create(TaskRequest.of("orders", "ship", Json.read("{\"order\": \"" + order + "\"}")));
    }

    private List<String> eventsInStream(int expected) throws Exception {
        try (Connection c = Nats.connect("nats://127.0.0.1:" + port)) {
            JetStreamSubscription sub = c.jetStream().subscribe("tasker.events.>",
                    PullSubscribeOptions.builder().stream(NatsEventRelay.STREAM).build());
            List<String> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (Message m : sub.fetch(expected, Duration.ofSeconds(1))) {
                    out.add(new String(m.getData(), StandardCharsets.UTF_8));
                    m.ack();
                }
            }
            for (Message extra : sub.fetch(5, Duration.ofMillis(500))) {
                out.add(new String(extra.getData(), StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    @Test
    void aDurableEventReachesJetStreamOnceAndEventsWaitOutANatsOutage() throws Exception {
        UUID first = ship("A-1");
        PgOutbox outbox = new PgOutbox(server.database().dataSource());
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.backlog() == 0
                && server.engine().queries().task(first).orElseThrow().state().isTerminal());

        stopNats();
        UUID second = ship("A-2");
        await().atMost(Duration.ofSeconds(15)).until(() -> server.engine().queries().task(second).orElseThrow().state().isTerminal());
        assertThat(outbox.backlog()).isEqualTo(1);

        startNats();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.backlog() == 0);

        List<String> events = eventsInStream(2);
        assertThat(events).hasSize(2);
        assertThat(events.stream().map(Json::read).map(e -> e.get("payload").get("shipped").asText())).containsExactly("A-1", "A-2");
        assertThat(Json.read(events.get(1)).get("task_uuid").asText()).isEqualTo(second.toString());
        assertThat(Json.read(events.get(1)).get("event_name").asText()).isEqualTo("order.shipped");
    }
}
