package dev.tasker.db.engine;

import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** validate → reserve → charge(validate, reserve) → ship(all three): redundant transitive edges. */
class OrderFulfillmentTest {

    @Test
    void everyStepSeesItsDependenciesOnceAndTheOrderShips() {
        try (TestEngine engine = new TestEngine()
                .handler("Validate", ctx -> {
                    int qty = ctx.getInput("quantity").asInt();
                    if (qty <= 0) {
                        throw new PermanentError("quantity must be positive, not " + qty);
                    }
                    return StepResult.success(Map.of("total_cents", qty * ctx.getInput("unit_price_cents").asInt()));
                })
                .handler("Reserve", ctx -> StepResult.success(Map.of("reservation", "R-" + ctx.getInput("order_id").asText())))
                .handler("Charge", ctx -> StepResult.success(Map.of(
                        "charged_cents", ctx.getDependencyResult("validate_order").get("total_cents").asInt(),
                        "for", ctx.getDependencyResult("reserve_inventory").get("reservation").asText())))
                .handler("Ship", ctx -> StepResult.success(Map.of(
                        "label", "SHIP-" + ctx.getDependencyResult("reserve_inventory").get("reservation").asText(),
                        "paid", ctx.getDependencyResult("charge_payment").get("charged_cents").asInt())))
                .template("""
                        name: order_fulfillment
                        namespace_name: ecommerce
                        version: 1.0.0
                        steps:
                          - { name: validate_order, handler: { callable: Validate } }
                          - { name: reserve_inventory, handler: { callable: Reserve }, dependencies: [validate_order] }
                          - { name: charge_payment, handler: { callable: Charge }, dependencies: [validate_order, reserve_inventory] }
                          - name: ship_order
                            handler: { callable: Ship }
                            dependencies: [validate_order, reserve_inventory, charge_payment]
                        """)) {

            TaskView ok = engine.awaitEnd(engine.submit("ecommerce", "order_fulfillment",
                    "{\"order_id\": \"A17\", \"quantity\": 3, \"unit_price_cents\": 1250}"));
            TaskView bad = engine.awaitEnd(engine.submit("ecommerce", "order_fulfillment",
                    "{\"order_id\": \"A18\", \"quantity\": 0, \"unit_price_cents\": 1250}"));

            assertThat(ok.state()).isEqualTo(TaskState.COMPLETE);
            assertThat(ok.step("charge_payment").orElseThrow().result().get("charged_cents").asInt()).isEqualTo(3750);
            assertThat(ok.step("ship_order").orElseThrow().result().get("label").asText()).isEqualTo("SHIP-R-A17");
            assertThat(ok.step("ship_order").orElseThrow().result().get("paid").asInt()).isEqualTo(3750);
            assertThat(ok.step("ship_order").orElseThrow().startedAt())
                    .isAfterOrEqualTo(ok.step("charge_payment").orElseThrow().completedAt());

            assertThat(bad.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
            assertThat(bad.step("validate_order").orElseThrow().error().get("message").asText())
                    .isEqualTo("quantity must be positive, not 0");
            assertThat(bad.step("ship_order").orElseThrow().state()).isEqualTo(StepState.PENDING);
        }
    }
}
