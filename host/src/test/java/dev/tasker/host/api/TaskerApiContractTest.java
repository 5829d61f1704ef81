package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.dlq.StalenessThresholds;
import dev.tasker.core.json.Json;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasker's orchestration API as Tasker's clients call it: request bodies shaped as Tasker's OpenAPI document defines
 * them, every answer checked against this project's document (status and body schema), on a real server.
 */
class TaskerApiContractTest {

    private static Path handlers;
    private static TaskerServer server;

    @BeforeAll
    static void start() throws IOException {
        handlers = Files.createTempDirectory("contract-handlers");
        Files.writeString(handlers.resolve("orders.mjs"), """
                import { StepHandler, PermanentError } from '@tasker-systems/tasker';
                export class Price extends StepHandler { call(c) { return { total: c.getInput('quantity') * 7 }; } }
                export class Ship extends StepHandler {
                  call(c) {
                    if (c.getInput('refuse')) throw new PermanentError('the carrier refused the parcel');
                    return { shipped: c.getDependencyResult('price').total };
                  }
                }
                export class Wait extends StepHandler {
                  call(c) { const end = Date.now() + 20000; while (Date.now() < end) { } return 'late'; }
                }
                """);
        Files.writeString(handlers.resolve("orders.yaml"), """
                name: fulfil_order
                namespace_name: shop
                version: 1.2.0
                description: price an order, then ship it
                steps:
                  - { name: price, handler: { callable: Price } }
                  - { name: ship, handler: { callable: Ship }, dependencies: [price], retry: { retryable: false, max_attempts: 1 } }
                """);
        Files.writeString(handlers.resolve("slow.yaml"), """
                name: slow
                namespace_name: default
                version: 0.1.0
                steps:
                  - { name: wait, handler: { callable: Wait }, timeout_seconds: 60 }
                """);
        server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 2, handlers.resolve(".ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT,
                TaskerConfig.EventsConfig.NONE, new TaskerConfig.DlqConfig(Duration.ofSeconds(1), StalenessThresholds.DEFAULT)));
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(handlers);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return HttpCalls.send(server.port(), method, path, body);
    }

    /** Sends and checks the answer against the document at {@code documented} (the path as the document names it). */
    private static JsonNode call(String method, String path, String documented, String body) throws Exception {
        return DocumentedResponses.check(method, documented, send(method, path, body));
    }

    private static String taskerRequest(String name, String namespace, String version, String context, UUID correlation) {
        return """
                {"name": "%s", "namespace": "%s", "version": "%s", "context": %s,
                 "initiator": "billing-service", "source_system": "checkout", "reason": "order placed",
                 "tags": ["orders", "eu"], "requested_at": "2026-12-03T08:00:00", "options": null, "priority": 5,
                 "correlation_id": "%s", "parent_correlation_id": null, "idempotency_key": null}
                """.formatted(name, namespace, version, context, correlation);
    }

    private static JsonNode awaitStatus(String taskUuid, String... statuses) {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(statuses)
                .contains(Json.read(send("GET", "/v1/tasks/" + taskUuid, null).body()).path("status").asText()));
        try {
            return call("GET", "/v1/tasks/" + taskUuid, "/v1/tasks/{uuid}", null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTaskCreatedWithTaskersTaskRequestRunsAndReadsBackInTaskersShapes() throws Exception {
        UUID correlation = UUID.randomUUID();
        JsonNode created = call("POST", "/v1/tasks", "/v1/tasks",
                taskerRequest("fulfil_order", "shop", "1.2.0", "{\"quantity\": 6}", correlation));
        String task = created.get("task_uuid").asText();
        assertThat(created.get("correlation_id").asText()).isEqualTo(correlation.toString());
        assertThat(created.get("initiator").asText()).isEqualTo("billing-service");
        assertThat(created.get("source_system").asText()).isEqualTo("checkout");
        assertThat(created.get("reason").asText()).isEqualTo("order placed");

        JsonNode done = awaitStatus(task, "complete");
        assertThat(done.get("execution_status").asText()).isEqualTo("all_complete");
        assertThat(done.get("recommended_action").asText()).isEqualTo("finalize_task");
        assertThat(done.get("health_status").asText()).isEqualTo("healthy");
        assertThat(done.get("completion_percentage").asDouble()).isEqualTo(100.0);
        JsonNode ship = done.get("steps").get(1);
        assertThat(ship.get("name").asText()).isEqualTo("ship");
        assertThat(ship.get("total_parents").asInt()).isEqualTo(1);
        assertThat(ship.get("completed_parents").asInt()).isEqualTo(1);
        assertThat(ship.get("results").get("result").get("shipped").asInt()).isEqualTo(42);
        assertThat(ship.get("last_attempted_at").asText()).as("Tasker's clients decode it as a NaiveDateTime: no offset")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(done.get("created_at").asText()).endsWith("Z");

        JsonNode steps = call("GET", "/v1/tasks/" + task + "/workflow_steps", "/v1/tasks/{uuid}/workflow_steps", null);
        assertThat(steps.isArray()).isTrue();
        assertThat(steps).extracting(s -> s.get("name").asText() + ":" + s.get("current_state").asText())
                .containsExactly("price:complete", "ship:complete");
        String shipUuid = steps.get(1).get("step_uuid").asText();
        JsonNode step = call("GET", "/v1/tasks/" + task + "/workflow_steps/" + shipUuid,
                "/v1/tasks/{uuid}/workflow_steps/{step_uuid}", null);
        assertThat(step.get("dependencies_satisfied").asBoolean()).isTrue();
        assertThat(step.get("ready_for_execution").asBoolean()).isFalse();

        JsonNode audit = call("GET", "/v1/tasks/" + task + "/workflow_steps/" + shipUuid + "/audit",
                "/v1/tasks/{uuid}/workflow_steps/{step_uuid}/audit", null);
        JsonNode last = audit.get(audit.size() - 1);
        assertThat(last.get("to_state").asText()).isEqualTo("complete");
        assertThat(last.get("success").asBoolean()).isTrue();
        assertThat(last.get("result").get("shipped").asInt()).isEqualTo(42);
        assertThat(last.get("step_name").asText()).isEqualTo("ship");
        assertThat(last.get("correlation_id").asText()).isEqualTo(correlation.toString());

        JsonNode page = call("GET", "/v1/tasks?page=1&per_page=10&namespace=shop&initiator=billing-service&source_system=checkout",
                "/v1/tasks", null);
        assertThat(page.get("tasks")).extracting(t -> t.get("task_uuid").asText()).contains(task);
        assertThat(page.get("pagination").get("has_previous").asBoolean()).isFalse();
        JsonNode none = call("GET", "/v1/tasks?initiator=nobody", "/v1/tasks", null);
        assertThat(none.get("pagination").get("total_count").asInt()).isZero();

        JsonNode finishedCancel = call("DELETE", "/v1/tasks/" + task, "/v1/tasks/{uuid}", null);
        assertThat(finishedCancel.get("error").get("message").asText()).contains("complete");
    }

    @Test
    void leftOutFieldsTakeTaskersDefaults() throws Exception {
        JsonNode created = call("POST", "/v1/tasks", "/v1/tasks", "{\"name\": \"slow\", \"context\": {}}");
        assertThat(created.get("namespace").asText()).isEqualTo("default");
        assertThat(created.get("version").asText()).isEqualTo("0.1.0");
        assertThat(created.get("initiator").asText()).isEqualTo("system");
        assertThat(created.get("source_system").asText()).isEqualTo("tasker-core");
        assertThat(created.get("reason").asText()).isEqualTo("Task requested");
        assertThat(UUID.fromString(created.get("correlation_id").asText())).isNotNull();

        JsonNode cancelled = call("DELETE", "/v1/tasks/" + created.get("task_uuid").asText(), "/v1/tasks/{uuid}", null);
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void anOperatorCompletesAFailedStepWithTaskersCompletionData() throws Exception {
        JsonNode created = call("POST", "/v1/tasks", "/v1/tasks",
                taskerRequest("fulfil_order", "shop", "1.2.0", "{\"quantity\": 2, \"refuse\": true}", UUID.randomUUID()));
        String task = created.get("task_uuid").asText();
        JsonNode blocked = awaitStatus(task, "blocked_by_failures");
        assertThat(blocked.get("health_status").asText()).isEqualTo("blocked");
        assertThat(blocked.get("recommended_action").asText()).isEqualTo("handle_failures");
        JsonNode ship = blocked.get("steps").get(1);
        assertThat(ship.get("current_state").asText()).isEqualTo("error");
        assertThat(ship.get("retry_eligible").asBoolean()).isFalse();
        assertThat(ship.get("last_failure_at").isNull()).isFalse();
        assertThat(ship.get("results").get("success").asBoolean()).isFalse();
        String stepPath = "/v1/tasks/" + task + "/workflow_steps/" + ship.get("step_uuid").asText();

        JsonNode completed = call("PATCH", stepPath, "/v1/tasks/{uuid}/workflow_steps/{step_uuid}", """
                {"action_type": "complete_manually", "completion_data": {"result": {"shipped": 14}, "metadata": {"ticket": "OPS-7"}},
                 "reason": "shipped by hand", "completed_by": "ops@example.com"}""");
        assertThat(completed.get("current_state").asText()).isEqualTo("complete");
        assertThat(completed.get("results").get("result").get("shipped").asInt()).isEqualTo(14);
        assertThat(awaitStatus(task, "complete").get("status").asText()).isEqualTo("complete");

        JsonNode audit = call("GET", stepPath + "/audit", "/v1/tasks/{uuid}/workflow_steps/{step_uuid}/audit", null);
        assertThat(audit).extracting(a -> a.get("to_state").asText()).containsSubsequence("error", "complete");
        assertThat(audit.get(audit.size() - 1).get("reason").asText()).isEqualTo("complete_manually: shipped by hand (by ops@example.com)");

        JsonNode refused = call("PATCH", stepPath, "/v1/tasks/{uuid}/workflow_steps/{step_uuid}",
                "{\"action_type\": \"reset_for_retry\", \"reason\": \"again\", \"reset_by\": \"ops@example.com\"}");
        assertThat(refused.get("error").get("code").asText()).isEqualTo("not_allowed");
        JsonNode noData = call("PATCH", stepPath, "/v1/tasks/{uuid}/workflow_steps/{step_uuid}",
                "{\"action_type\": \"complete_manually\", \"reason\": \"x\", \"completed_by\": \"ops\"}");
        assertThat(noData.get("error").get("message").asText()).contains("completion_data.result");
    }

    @Test
    void templatesAreListedByNamespaceWithTheirStepDefaults() throws Exception {
        JsonNode list = call("GET", "/v1/templates", "/v1/templates", null);
        assertThat(list.get("total_count").asInt()).isEqualTo(2);
        assertThat(list.get("namespaces")).extracting(n -> n.get("name").asText() + ":" + n.get("template_count").asInt())
                .containsExactly("default:1", "shop:1");
        JsonNode shop = call("GET", "/v1/templates?namespace=shop", "/v1/templates", null);
        assertThat(shop.get("templates")).extracting(t -> t.get("name").asText() + ":" + t.get("step_count").asInt())
                .containsExactly("fulfil_order:2");

        JsonNode detail = call("GET", "/v1/templates/shop/fulfil_order/1.2.0", "/v1/templates/{namespace}/{name}/{version}", null);
        assertThat(detail.get("configuration").get("name").asText()).isEqualTo("fulfil_order");
        assertThat(detail.get("steps")).extracting(s -> s.get("name").asText() + ":" + s.get("default_retryable").asBoolean()
                + ":" + s.get("default_max_attempts").asInt()).containsExactly("price:true:3", "ship:false:1");
        call("GET", "/v1/templates/shop/fulfil_order/9.9.9", "/v1/templates/{namespace}/{name}/{version}", null);
    }

    @Test
    void healthAndConfigurationAnswerInTaskersShapes() throws Exception {
        assertThat(call("GET", "/health", "/health", null).get("status").asText()).isEqualTo("healthy");
        assertThat(call("GET", "/live", "/live", null).get("status").asText()).isEqualTo("alive");
        assertThat(call("GET", "/health/live", "/health/live", null).get("status").asText()).isEqualTo("alive");
        JsonNode ready = call("GET", "/ready", "/ready", null);
        assertThat(ready.get("status").asText()).isEqualTo("ready");
        assertThat(ready.get("checks").get("web_database").get("message").asText()).contains(server.database().schema());
        assertThat(call("GET", "/health/ready", "/health/ready", null).get("info").get("operational_state").asText())
                .isEqualTo("normal");
        JsonNode detailed = call("GET", "/health/detailed", "/health/detailed", null);
        assertThat(detailed.get("checks").get("channel_saturation").get("message").asText()).endsWith("step slots in use");
        assertThat(detailed.get("checks").get("handlers").get("message").asText()).contains("1 JavaScript");

        JsonNode config = call("GET", "/config", "/config", null);
        assertThat(config.get("metadata").get("environment").asText()).isEqualTo("test");
        assertThat(config.get("auth").get("enabled").asBoolean()).isFalse();
        assertThat(config.get("tasker").get("database").get("schema").asText()).isEqualTo(server.database().schema());
        assertThat(config.toString()).doesNotContain("password");
    }

    @Test
    void clientMistakesAre4xxInTheErrorShapeNever500() throws Exception {
        assertThat(send("GET", "/nowhere", null).statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = send("GET", "/v1/nowhere", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.read(unknown.body()).get("error").get("code").asText()).isEqualTo("no_route");
        HttpResponse<String> wrongMethod = send("PUT", "/v1/tasks", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET, POST");
        assertThat(Json.read(wrongMethod.body()).get("error").get("code").asText()).isEqualTo("method_not_allowed");

        JsonNode notUuid = call("GET", "/v1/tasks/not-a-uuid", "/v1/tasks/{uuid}", null);
        assertThat(notUuid.get("error").get("message").asText()).contains("not-a-uuid");
        call("GET", "/v1/tasks/" + UUID.randomUUID(), "/v1/tasks/{uuid}", null);
        JsonNode badCorrelation = call("POST", "/v1/tasks", "/v1/tasks",
                taskerRequest("fulfil_order", "shop", "1.2.0", "{}", UUID.randomUUID()).replaceFirst(
                        "\"correlation_id\": \"[^\"]+\"", "\"correlation_id\": \"abc\""));
        assertThat(badCorrelation.get("error").get("message").asText()).contains("'correlation_id' must be a UUID");
        JsonNode badTime = call("POST", "/v1/tasks", "/v1/tasks",
                taskerRequest("fulfil_order", "shop", "1.2.0", "{}", UUID.randomUUID()).replace("2026-12-03T08:00:00", "yesterday"));
        assertThat(badTime.get("error").get("message").asText()).contains("'requested_at' must be an ISO-8601 date-time");
    }

    @Test
    void aTaskBlockedByAFailedStepEntersTheDeadLetterQueueWhereOperatorsRecordTheirInvestigation() throws Exception {
        JsonNode created = call("POST", "/v1/tasks", "/v1/tasks",
                taskerRequest("fulfil_order", "shop", "1.2.0", "{\"quantity\": 3, \"refuse\": true}", UUID.randomUUID()));
        String task = created.get("task_uuid").asText();
        awaitStatus(task, "blocked_by_failures");
        await().atMost(Duration.ofSeconds(15)).until(() -> send("GET", "/v1/dlq/task/" + task, null).statusCode() == 200);

        JsonNode entry = call("GET", "/v1/dlq/task/" + task, "/v1/dlq/task/{task_uuid}", null);
        assertThat(entry.get("dlq_reason").asText()).isEqualTo("MaxRetriesExceeded");
        assertThat(entry.get("resolution_status").asText()).isEqualTo("Pending");
        assertThat(entry.get("dlq_timestamp").asText()).as("a NaiveDateTime for Tasker's clients")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(entry.get("task_snapshot").get("steps").get(1).get("error").get("message").asText())
                .isEqualTo("the carrier refused the parcel");
        String entryUuid = entry.get("dlq_entry_uuid").asText();

        assertThat(call("GET", "/v1/dlq?resolution_status=Pending&limit=10", "/v1/dlq", null))
                .extracting(e -> e.get("task_uuid").asText()).contains(task);
        assertThat(call("GET", "/v1/dlq/investigation-queue?limit=5", "/v1/dlq/investigation-queue", null))
                .extracting(e -> e.get("task_uuid").asText()).contains(task);
        JsonNode stats = call("GET", "/v1/dlq/stats", "/v1/dlq/stats", null);
        assertThat(stats).extracting(r -> r.get("dlq_reason").asText()).contains("MaxRetriesExceeded");
        call("GET", "/v1/dlq/staleness?limit=10", "/v1/dlq/staleness", null);

        JsonNode summary = call("GET", "/v1/tasks/" + task + "/summary", "/v1/tasks/{uuid}/summary", null);
        assertThat(summary.get("dlq").get("in_dlq").asBoolean()).isTrue();
        assertThat(summary.get("dlq").get("dlq_reason").asText()).isEqualTo("MaxRetriesExceeded");
        assertThat(summary.get("template").get("steps")).extracting(st -> st.get("name").asText() + ":" + st.get("handler").asText())
                .containsExactly("price:Price", "ship:Ship");
        assertThat(summary.get("steps").get(1).get("error").get("error_type").asText()).isEqualTo("PermanentError");
        assertThat(summary.get("links").get("dlq").asText()).isEqualTo("/v1/dlq/task/" + task);

        JsonNode updated = call("PATCH", "/v1/dlq/entry/" + entryUuid, "/v1/dlq/entry/{dlq_entry_uuid}", """
                {"resolution_status": "ManuallyResolved", "resolution_notes": "carrier called, parcel re-sent",
                 "resolved_by": "ops@example.com", "metadata": {"root_cause": "address"}}""");
        assertThat(updated.get("success").asBoolean()).isTrue();
        assertThat(updated.get("entry").get("resolution_status").asText()).isEqualTo("ManuallyResolved");
        assertThat(call("GET", "/v1/dlq?resolution_status=manually_resolved", "/v1/dlq", null))
                .extracting(e -> e.get("dlq_entry_uuid").asText()).contains(entryUuid);

        JsonNode badStatus = call("PATCH", "/v1/dlq/entry/" + entryUuid, "/v1/dlq/entry/{dlq_entry_uuid}",
                "{\"resolution_status\": \"Done\"}");
        assertThat(badStatus.get("error").get("message").asText())
                .isEqualTo("'resolution_status' must be one of Pending, ManuallyResolved, PermanentlyFailed, Cancelled, not 'Done'");
        call("PATCH", "/v1/dlq/entry/" + UUID.randomUUID(), "/v1/dlq/entry/{dlq_entry_uuid}", "{\"resolution_notes\": \"x\"}");
        call("GET", "/v1/dlq/task/" + UUID.randomUUID(), "/v1/dlq/task/{task_uuid}", null);
        call("GET", "/v1/dlq?limit=0", "/v1/dlq", null);
    }

    @Test
    void analyticsReadWhatRan() throws Exception {
        String task = call("POST", "/v1/tasks", "/v1/tasks",
                taskerRequest("fulfil_order", "shop", "1.2.0", "{\"quantity\": 1}", UUID.randomUUID())).get("task_uuid").asText();
        awaitStatus(task, "complete");

        JsonNode performance = call("GET", "/v1/analytics/performance?hours=1", "/v1/analytics/performance", null);
        assertThat(performance.get("total_tasks").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(performance.get("completed_tasks").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode bottlenecks = call("GET", "/v1/analytics/bottlenecks?limit=5&min_executions=1", "/v1/analytics/bottlenecks", null);
        assertThat(bottlenecks.get("slow_steps")).extracting(st -> st.get("step_name").asText()).contains("price");
        assertThat(bottlenecks.get("resource_utilization").get("system_health").get("total_tasks").asLong()).isPositive();
        JsonNode badHours = call("GET", "/v1/analytics/performance?hours=0", "/v1/analytics/performance", null);
        assertThat(badHours.get("error").get("message").asText()).isEqualTo("'hours' must be between 1 and 2160, not 0");
    }
}
