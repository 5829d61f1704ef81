package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.json.Json;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The task and step routes of the REST API, on a real server with JavaScript handlers and PostgreSQL. */
class TasksApiTest {

    private static Path handlers;
    private static TaskerServer server;

    @BeforeAll
    static void start() throws IOException {
        handlers = Files.createTempDirectory("api-handlers");
        Files.writeString(handlers.resolve("math.mjs"), """
                import { StepHandler, PermanentError } from '@tasker-systems/tasker';
                export class Square extends StepHandler { call(c) { return c.getInput('even_number') ** 2; } }
                export class AddTen extends StepHandler {
                  call(c) {
                    if (c.getInput('refuse')) throw new PermanentError('refusing to add');
                    return c.getDependencyResult('square') + 10;
                  }
                }
                """);
        Files.writeString(handlers.resolve("linear.yaml"), """
                name: linear
                namespace_name: math
                version: 1.0.0
                input_schema:
                  type: object
                  required: [even_number]
                  properties:
                    even_number: { type: integer }
                steps:
                  - { name: square, handler: { callable: Square } }
                  - { name: add_ten, handler: { callable: AddTen }, dependencies: [square], retry: { max_attempts: 1 } }
                """);
        Files.writeString(handlers.resolve("counted.yaml"), """
                name: counted
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: square, handler: { callable: Square } }
                  - { name: add_ten, handler: { callable: AddTen }, dependencies: [square], retry: { max_attempts: 1 } }
                """);
        server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 2, handlers.resolve(".ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE));
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(handlers);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return HttpCalls.send(server.port(), method, path, body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body());
    }

    private static JsonNode awaitEnd(String taskUuid) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String status = json(send("GET", "/v1/tasks/" + taskUuid, null)).get("status").asText();
            return List.of("complete", "blocked_by_failures", "cancelled", "error").contains(status);
        });
        try {
            return json(send("GET", "/v1/tasks/" + taskUuid, null));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCreatedTaskRunsAndIsShownWithItsSteps() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/tasks",
                "{\"namespace\": \"math\", \"name\": \"linear\", \"context\": {\"even_number\": 6}, \"tags\": [\"api\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        String uuid = json(created).get("task_uuid").asText();
        assertThat(created.headers().firstValue("location")).hasValue("/v1/tasks/" + uuid);
        JsonNode asCreated = json(created);
        assertThat(asCreated.get("status").asText()).isEqualTo("steps_in_process");
        assertThat(asCreated.get("context").get("even_number").asInt()).isEqualTo(6);
        assertThat(asCreated.get("steps")).extracting(s -> s.get("name").asText() + ":" + s.get("current_state").asText())
                .as("the first step is taken by this JVM's worker as the task is created")
                .containsExactly("square:in_progress", "add_ten:pending");

        JsonNode task = awaitEnd(uuid);
        assertThat(task.get("created_at")).isEqualTo(asCreated.get("created_at"));
        for (int i = 0; i < 2; i++) {
            assertThat(task.get("steps").get(i).get("step_uuid")).isEqualTo(asCreated.get("steps").get(i).get("step_uuid"));
            assertThat(task.get("steps").get(i).get("created_at")).isEqualTo(asCreated.get("steps").get(i).get("created_at"));
        }
        assertThat(task.get("status").asText()).isEqualTo("complete");
        assertThat(task.get("execution_status").asText()).isEqualTo("all_complete");
        assertThat(task.get("completion_percentage").asDouble()).isEqualTo(100.0);
        assertThat(task.get("version").asText()).isEqualTo("1.0.0");
        assertThat(task.get("completed_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        JsonNode addTen = task.get("steps").get(1);
        assertThat(addTen.get("name").asText()).isEqualTo("add_ten");
        assertThat(addTen.get("current_state").asText()).isEqualTo("complete");
        assertThat(addTen.get("result").asInt()).isEqualTo(46);

        JsonNode steps = json(send("GET", "/v1/tasks/" + uuid + "/workflow_steps", null));
        assertThat(steps).hasSize(2);
        String stepUuid = steps.get(0).get("step_uuid").asText();
        assertThat(json(send("GET", "/v1/tasks/" + uuid + "/workflow_steps/" + stepUuid, null)).get("result").asInt()).isEqualTo(36);
        JsonNode audit = json(send("GET", "/v1/tasks/" + uuid + "/workflow_steps/" + stepUuid + "/audit", null));
        assertThat(audit).extracting(t -> t.get("to_state").asText()).containsExactly("pending", "in_progress", "complete");
    }

    @Test
    void tasksAreListedNewestFirstWithPagingAndFilters() throws Exception {
        for (int n = 100; n < 103; n++) {
            assertThat(send("POST", "/v1/tasks", "{\"namespace\": \"math\", \"name\": \"linear\", \"context\": {\"even_number\": " + n
                    + "}}").statusCode()).isEqualTo(201);
        }
        JsonNode page = json(send("GET", "/v1/tasks?namespace=math&per_page=2&page=1", null));

        assertThat(page.get("tasks")).hasSize(2);
        assertThat(page.get("tasks").get(0).get("context").get("even_number").asInt()).isEqualTo(102);
        assertThat(page.get("pagination").get("total_count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(page.get("pagination").get("per_page").asInt()).isEqualTo(2);
        assertThat(json(send("GET", "/v1/tasks?namespace=nothing_here", null)).get("tasks")).isEmpty();
    }

    @Test
    void theDashboardIsServedUnderUiAndTheRootRedirectsToIt() throws Exception {
        HttpResponse<String> root = send("GET", "/", null);
        HttpResponse<String> taskPage = send("GET", "/ui/tasks/" + java.util.UUID.randomUUID(), null);
        String script = taskPage.body().replaceAll("(?s).*src=\"(/ui/assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> asset = send("GET", script, null);

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/ui/tasks");
        assertThat(taskPage.statusCode()).isEqualTo(200);
        assertThat(taskPage.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(asset.statusCode()).as(script).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(send("GET", "/ui/assets/..%2Fconfig.yaml", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/ui/no-such-page", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/favicon.ico", null).headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void theListCountsTheTasksOfEachStateForOneTemplate() throws Exception {
        List<String> created = new java.util.ArrayList<>();
        for (String refuse : List.of("false", "false", "true")) {
            created.add(json(send("POST", "/v1/tasks", "{\"namespace\": \"math\", \"name\": \"counted\", \"context\": "
                    + "{\"even_number\": " + (2 * created.size()) + ", \"refuse\": " + refuse + "}}")).get("task_uuid").asText());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (String uuid : created) {
                String status = json(send("GET", "/v1/tasks/" + uuid, null)).get("status").asText();
                if (!status.equals("complete") && !status.equals("blocked_by_failures")) {
                    return false;
                }
            }
            return true;
        });

        JsonNode all = json(send("GET", "/v1/tasks?namespace=math&name=counted", null));
        JsonNode blocked = json(send("GET", "/v1/tasks?namespace=math&name=counted&status=blocked_by_failures", null));

        assertThat(all.get("state_counts").get("complete").asInt()).isEqualTo(2);
        assertThat(all.get("state_counts").get("blocked_by_failures").asInt()).isEqualTo(1);
        assertThat(all.get("pagination").get("total_count").asInt()).isEqualTo(3);
        assertThat(blocked.get("tasks")).extracting(t -> t.get("task_uuid").asText()).containsExactly(created.get(2));
        assertThat(blocked.get("pagination").get("total_count").asInt()).isEqualTo(1);
        assertThat(blocked.get("state_counts").get("complete").asInt()).isEqualTo(2);
        assertThat(json(send("GET", "/v1/tasks?name=no_such_template", null)).get("state_counts").size()).isZero();
    }

    @Test
    void aFailedStepCanBeResolvedManuallyAndAFinishedTaskCannotBeCancelled() throws Exception {
        String uuid = json(send("POST", "/v1/tasks", "{\"namespace\": \"math\", \"name\": \"linear\", "
                + "\"context\": {\"even_number\": 2, \"refuse\": true}}")).get("task_uuid").asText();
        JsonNode blocked = awaitEnd(uuid);
        assertThat(blocked.get("status").asText()).isEqualTo("blocked_by_failures");
        JsonNode failed = blocked.get("steps").get(1);
        assertThat(failed.get("error").get("message").asText()).isEqualTo("refusing to add");

        HttpResponse<String> resolved = send("PATCH", "/v1/tasks/" + uuid + "/workflow_steps/" + failed.get("step_uuid").asText(),
                "{\"action_type\": \"complete_manually\", \"result\": 14, \"reason\": \"checked by hand\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(json(resolved).get("result").asInt()).isEqualTo(14);
        assertThat(awaitEnd(uuid).get("status").asText()).isEqualTo("complete");

        HttpResponse<String> cancel = send("DELETE", "/v1/tasks/" + uuid, null);
        assertThat(cancel.statusCode()).isEqualTo(400);
        assertThat(json(cancel).get("error").get("message").asText())
                .isEqualTo("task " + uuid + " is already complete; only a task that has not finished can be cancelled");
    }

    @Test
    void theSameTaskTwiceIsAConflictNamingTheFirst() throws Exception {
        String body = "{\"namespace\": \"math\", \"name\": \"linear\", \"context\": {\"even_number\": 8}, \"idempotency_key\": \"order-8\"}";
        String first = json(send("POST", "/v1/tasks", body)).get("task_uuid").asText();

        HttpResponse<String> again = send("POST", "/v1/tasks", body);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").get("code").asText()).isEqualTo("duplicate_task");
        assertThat(json(again).get("error").get("details").get("existing_task_uuid").asText()).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "POST | /v1/tasks | {\"namespace\": \"math\", | 400 | malformed_json | the body is not valid JSON (line 1, column 22): Unexpected end-of-input",
            "POST | /v1/tasks | [1, 2] | 400 | invalid_request | the body must be a JSON object, not array",
            "POST | /v1/tasks | {\"namespace\": \"math\"} | 400 | invalid_request | 'name' is required (a string)",
            "POST | /v1/tasks | {\"namespace\": 7, \"name\": \"linear\"} | 400 | invalid_request | 'namespace' must be a string, not a number (7)",
            "POST | /v1/tasks | {\"namespace\": \"math\", \"name\": \"linear\", \"context\": [1]} | 400 | invalid_request | 'context' must be a JSON object, not an array",
            "POST | /v1/tasks | {\"namespace\": \"math\", \"name\": \"linear\", \"priority\": \"high\"} | 400 | invalid_request | 'priority' must be an integer, not a string (\"high\")",
            "POST | /v1/tasks | {\"namespace\": \"math\", \"name\": \"nope\"} | 400 | unknown_template | no template math/nope is registered; see GET /v1/templates for the ones that are",
            "POST | /v1/tasks | {\"namespace\": \"math\", \"name\": \"linear\", \"context\": {\"even_number\": \"six\"}} | 400 | invalid_context | the context does not match the input_schema of math/linear@1.0.0",
            "POST | /v1/tasks | {\"namespace\": \"math\", \"name\": \"linear\", \"context\": {\"note\": [\"ok\", \"a\\u0000b\"]}} | 400 | unstorable_value | body.context.note[1] contains a NUL character (\\u0000), which PostgreSQL cannot store",
            "GET | /v1/tasks/not-a-uuid | | 400 | invalid_request | 'not-a-uuid' is not a task UUID",
            "GET | /v1/tasks/0190c4a2-0000-7000-8000-000000000000 | | 404 | task_not_found | no task 0190c4a2-0000-7000-8000-000000000000 exists",
            "DELETE | /v1/tasks/0190c4a2-0000-7000-8000-000000000000 | | 404 | task_not_found | no task 0190c4a2-0000-7000-8000-000000000000 exists",
            "GET | /v1/tasks?status=sleeping | | 400 | invalid_request | 'status' must be one of pending, ",
            "GET | /v1/tasks?per_page=1000 | | 400 | invalid_request | per_page must be between 1 and 100, not 1000",
            "GET | /v1/tasks?page=x | | 400 | invalid_request | 'page' must be an integer, not 'x'",
            "GET | /v1/nothing | | 404 | no_route | no route GET /v1/nothing",
            "PATCH | /v1/tasks/0190c4a2-0000-7000-8000-000000000000/workflow_steps/x | {} | 404 | task_not_found | no task",
    })
    void badRequestsAnswerTheRight4xxWithTheJsonErrorShape(String method, String path, String body, int status, String code,
                                                           String message) throws Exception {
        HttpResponse<String> response = send(method, path, body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).startsWith(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        String huge = "{\"namespace\": \"math\", \"name\": \"linear\", \"context\": {\"blob\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}";

        HttpResponse<String> response = send("POST", "/v1/tasks", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").get("message").asText())
                .isEqualTo("the body is larger than 1048576 bytes (tasker.api.max-body-bytes)");
    }

    @Test
    void stepRoutesRefuseUnknownStepsUnknownActionsAndActionsTheStateDoesNotAllow() throws Exception {
        String uuid = json(send("POST", "/v1/tasks", "{\"namespace\": \"math\", \"name\": \"linear\", \"context\": {\"even_number\": 12}}"))
                .get("task_uuid").asText();
        JsonNode done = awaitEnd(uuid);
        String square = done.get("steps").get(0).get("step_uuid").asText();
        String base = "/v1/tasks/" + uuid + "/workflow_steps/";

        HttpResponse<String> unknown = send("GET", base + "0190c4a2-0000-7000-8000-000000000000", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("code").asText()).isEqualTo("step_not_found");

        HttpResponse<String> badAction = send("PATCH", base + square, "{\"action_type\": \"explode\"}");
        assertThat(badAction.statusCode()).isEqualTo(400);
        assertThat(json(badAction).get("error").get("message").asText())
                .isEqualTo("'action_type' must be one of reset_for_retry, resolve_manually, complete_manually, not 'explode'");

        HttpResponse<String> noResult = send("PATCH", base + square, "{\"action_type\": \"complete_manually\"}");
        assertThat(noResult.statusCode()).isEqualTo(400);

        HttpResponse<String> notAllowed = send("PATCH", base + square, "{\"action_type\": \"reset_for_retry\"}");
        assertThat(notAllowed.statusCode()).isEqualTo(400);
        assertThat(json(notAllowed).get("error").get("code").asText()).isEqualTo("not_allowed");
    }
}
