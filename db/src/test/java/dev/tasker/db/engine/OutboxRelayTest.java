package dev.tasker.db.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.StepResult;
import dev.tasker.db.store.PgOutbox;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox publishes outside any transaction; an event the broker refuses is set aside and holds back no other. */
class OutboxRelayTest {

    private static TestEngine engineWithThreeEvents() {
        TestEngine engine = new TestEngine()
                .handler("Ship", ctx -> StepResult.success(Map.of("order", ctx.getInput("order").asText())))
                .template("""
                        name: ship
                        namespace_name: outbox
                        version: 1.0.0
                        steps:
                          - name: ship
                            handler: { callable: Ship }
                            publishes_events: [ { name: order.shipped, condition: success, delivery_mode: durable } ]
                        """);
        for (String order : List.of("A", "POISON", "C")) {
            engine.awaitEnd(engine.submit("outbox", "ship", "{\"order\": \"" + order + "\"}"));
        }
        return engine;
    }

    private static String order(JsonNode event) {
        return event.path("payload").path("order").asText(event.toString());
    }

    @Test
    void anEventRefusedFiveTimesBecomesADeadLetterAndTheOthersArePublished() throws Exception {
        try (TestEngine engine = engineWithThreeEvents()) {
            PgOutbox outbox = engine.outbox();
            List<String> published = new ArrayList<>();
            PgOutbox.Publisher broker = (id, name, event) -> {
                if (event.toString().contains("POISON")) {
                    throw new IllegalArgumentException("maximum payload exceeded");
                }
                published.add(event.toString().contains("\"A\"") ? "A" : "C");
            };

            assertThat(outbox.drain(100, broker)).isEqualTo(2);
            assertThat(published).containsExactly("A", "C");
            assertThat(outbox.backlog()).isEqualTo(1);

            for (int i = 0; i < 4; i++) {
                clearBackoff(engine);
                outbox.drain(100, broker);
            }
            assertThat(outbox.backlog()).isZero();
            assertThat(outbox.deadLetters()).singleElement().asString()
                    .startsWith("order.shipped ").endsWith(": maximum payload exceeded");
        }
    }

    @Test
    void aBrokerOutageStopsTheRoundWithoutCountingAgainstTheEventsAndHoldsNoTransactionOpen() throws Exception {
        try (TestEngine engine = engineWithThreeEvents()) {
            PgOutbox outbox = engine.outbox();
            List<Long> locksDuringPublish = new ArrayList<>();
            PgOutbox.Publisher away = (id, name, event) -> {
                locksDuringPublish.add(outboxRowLocks(engine));
                throw new IOException("connection refused");
            };

            for (int i = 0; i < 7; i++) {
                assertThat(outbox.drain(100, away)).isZero();
            }
            assertThat(locksDuringPublish).hasSize(7).containsOnly(0L);
            assertThat(outbox.deadLetters()).isEmpty();
            assertThat(outbox.backlog()).isEqualTo(3);

            List<String> published = new ArrayList<>();
            assertThat(outbox.drain(100, (id, name, event) -> published.add(id.toString()))).isEqualTo(3);
            assertThat(outbox.backlog()).isZero();
        }
    }

    /** Row locks on any outbox table: a transaction open across a publish would hold one. */
    private static long outboxRowLocks(TestEngine engine) throws Exception {
        try (Connection c = engine.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT count(*) FROM pg_locks l JOIN pg_class r ON r.oid = l.relation
                     WHERE r.relname = 'domain_event_outbox' AND l.pid <> pg_backend_pid()""")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void clearBackoff(TestEngine engine) throws Exception {
        try (Connection c = engine.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE domain_event_outbox SET next_attempt_at = NULL");
        }
    }
}
