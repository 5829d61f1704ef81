package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.DuplicateTaskException;
import dev.tasker.core.engine.InvalidContextException;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TemplateNotFoundException;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskIdentityTest {

    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine().handler("Noop", ctx -> StepResult.success(null)).template("""
                name: order
                namespace_name: shop
                version: 1.0.0
                input_schema:
                  type: object
                  required: [order_id]
                  properties:
                    order_id: { type: integer, minimum: 1 }
                steps: [ { name: only, handler: { callable: Noop } } ]
                """);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void theSameContextWithKeysInAnotherOrderIsADuplicateAndCreatesNothing() {
        UUID first = engine.submit("shop", "order", "{\"order_id\": 1, \"items\": {\"sku\": \"A\", \"qty\": 2}}");

        assertThatThrownBy(() -> engine.submit("shop", "order", "{\"items\": {\"qty\": 2, \"sku\": \"A\"}, \"order_id\": 1}"))
                .isInstanceOfSatisfying(DuplicateTaskException.class, e -> assertThat(e.existingTaskUuid()).isEqualTo(first));
        assertThat(countTasks()).as("tasks with order_id 1").isEqualTo(1);
    }

    @Test
    void aDifferentContextIsANewTask() {
        UUID a = engine.submit("shop", "order", "{\"order_id\": 2}");
        UUID b = engine.submit("shop", "order", "{\"order_id\": 3}");

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void anIdempotencyKeyDecidesAlone() {
        UUID keyed = engine.submit(TaskRequest.of("shop", "order", TestEngine.json("{\"order_id\": 4}")).withIdempotencyKey("k-1"));

        assertThatThrownBy(() -> engine.submit(TaskRequest.of("shop", "order", TestEngine.json("{\"order_id\": 5}"))
                .withIdempotencyKey("k-1")))
                .isInstanceOfSatisfying(DuplicateTaskException.class, e -> assertThat(e.existingTaskUuid()).isEqualTo(keyed));
        UUID sameContextOtherKey = engine.submit(TaskRequest.of("shop", "order", TestEngine.json("{\"order_id\": 4}"))
                .withIdempotencyKey("k-2"));
        assertThat(sameContextOtherKey).isNotEqualTo(keyed);
    }

    @Test
    void aContextThatFailsTheInputSchemaIsRefusedNamingEachField() {
        assertThatThrownBy(() -> engine.submit("shop", "order", "{\"order_id\": \"A1\", \"note\": 1}"))
                .isInstanceOfSatisfying(InvalidContextException.class, e -> assertThat(e.violations())
                        .containsExactly("$.order_id: string found, integer expected"))
                .hasMessageStartingWith("the context does not match the input_schema of shop/order@1.0.0");
        assertThatThrownBy(() -> engine.submit("shop", "order", "{}"))
                .isInstanceOfSatisfying(InvalidContextException.class, e -> assertThat(e.violations())
                        .containsExactly("$: required property 'order_id' not found"));
    }

    @Test
    void anUnknownTemplateIsNamed() {
        assertThatThrownBy(() -> engine.submit("shop", "refund", "{}"))
                .isInstanceOf(TemplateNotFoundException.class)
                .hasMessageStartingWith("no template shop/refund is registered");
    }

    private long countTasks() {
        try (var c = engine.database().dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM tasks WHERE context->>'order_id' = '1'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
