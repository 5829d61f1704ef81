package dev.tasker.examples.cross;

import dev.tasker.client.Step;
import dev.tasker.client.Task;
import dev.tasker.testkit.HttpStub;
import dev.tasker.testkit.HttpStub.Reply;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The order workflow in each language against a stub payment gateway: a good card, a declined one, a slow gateway. */
@ExamplesInEveryLanguage
class OrderFulfillmentTest {

    private static final Set<String> SLOW_ALREADY = ConcurrentHashMap.newKeySet();
    private static HttpStub gateway;

    @BeforeAll
    static void startGateway() {
        gateway = HttpStub.start().on("POST", "/v1/charges", request -> {
            String key = request.headers().get("idempotency-key");
            Map<String, Object> charge = Map.of("id", "ch_" + key, "status", "succeeded",
                    "amount_cents", request.body().path("amount_cents").asLong());
            return switch (request.body().path("source").asText()) {
                case "tok_chargeDeclined" -> Reply.json(402, Map.of("error", Map.of("code", "card_declined",
                        "message", "Your card was declined.")));
                case "tok_slowOnce" -> SLOW_ALREADY.add(key) ? Reply.json(200, charge).after(Duration.ofSeconds(3))
                        : Reply.json(200, charge);
                default -> Reply.json(200, charge);
            };
        });
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private static Map<String, Object> order(String orderId, String token) {
        return Map.of(
                "order_id", orderId,
                "customer", Map.of("id", "CUS-77", "email", "ada@example.com"),
                "items", List.of(
                        Map.of("sku", "SKU-00017", "quantity", 2, "unit_price_cents", 1999),
                        Map.of("sku", "SKU-00342", "quantity", 1, "unit_price_cents", 4500)),
                "payment", Map.of("token", token),
                "shipping", Map.of("method", "express", "address", Map.of("line1", "1 Main St", "city", "Springfield",
                        "postal_code", "12345", "country", "US")),
                "payment_gateway_url", gateway.url());
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void aGoodCardIsChargedTheTotalWithTaxAndShippingAndTheOrderShips(String namespace, TaskerTestClient tasker) {
        String orderId = "ORD-1001-" + namespace.substring(9).toUpperCase();
        Task task = tasker.run(namespace, "order_fulfillment", order(orderId, "tok_visa"));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        var totals = task.step("validate_order").orElseThrow().result();
        assertThat(totals.get("subtotal_cents").asLong()).isEqualTo(8498);
        assertThat(totals.get("tax_cents").asLong()).isEqualTo(680);
        assertThat(totals.get("total_cents").asLong()).isEqualTo(8498 + 680 + 1999);
        assertThat(task.step("reserve_inventory").orElseThrow().result().get("reserved").size()).isEqualTo(2);
        assertThat(task.step("charge_payment").orElseThrow().result().get("amount_cents").asLong()).isEqualTo(11177);
        var shipment = task.step("ship_order").orElseThrow().result();
        assertThat(shipment.has("tracking_number")).as("ship_order: %s", task.step("ship_order")).isTrue();
        assertThat(shipment.get("tracking_number").asText()).startsWith("1Z").endsWith(orderId.replace("-", ""));
        assertThat(shipment.get("charge_id").asText()).isEqualTo("ch_charge-" + orderId);
        assertThat(gateway.requests("POST", "/v1/charges")).anySatisfy(r ->
                assertThat(r.headers().get("idempotency-key")).isEqualTo("charge-" + orderId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void aDeclinedCardFailsThePaymentForGoodWithTheGatewaysMessageAndBlocksTheOrder(String namespace, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "order_fulfillment", order("ORD-1002", "tok_chargeDeclined"));

        assertThat(task.status()).isEqualTo("blocked_by_failures");
        Step charge = task.step("charge_payment").orElseThrow();
        assertThat(charge.currentState()).isEqualTo("error");
        assertThat(charge.attempts()).isEqualTo(1);
        assertThat(charge.error().get("error_type").asText()).isEqualTo("PermanentError");
        assertThat(charge.error().get("message").asText())
                .startsWith("payment for order ORD-1002 was declined: POST " + gateway.url() + "/v1/charges answered 402")
                .contains("Your card was declined.");
        assertThat(task.step("ship_order").orElseThrow().currentState()).isEqualTo("pending");
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void aGatewayThatTimesOutOnceIsChargedOnTheSecondAttempt(String namespace, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "order_fulfillment", order("ORD-1003-" + namespace, "tok_slowOnce"));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        Step charge = task.step("charge_payment").orElseThrow();
        assertThat(charge.attempts()).isEqualTo(2);
        assertThat(charge.result().get("status").asText()).isEqualTo("succeeded");
    }
}
