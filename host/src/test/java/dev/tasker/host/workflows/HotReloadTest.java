package dev.tasker.host.workflows;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import dev.tasker.loader.LoadedHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Handler files and templates edited while the worker runs. */
class HotReloadTest {

    private static final String ANSWER_V1 = """
            import { StepHandler } from '@tasker-systems/tasker';
            export class Answer extends StepHandler {
              call(context) {
                const until = Date.now() + (context.getInput('busy_ms') ?? 0);
                while (Date.now() < until) { /* a slow attempt */ }
                return 'v1';
              }
            }
            """;

    private Path dir;
    private LoadedHandlers loaded;
    private TestEngine engine;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("hot-reload").toRealPath();
        Files.writeString(dir.resolve("answer.mjs"), ANSWER_V1);
        Files.writeString(dir.resolve("double.py"), """
                from tasker_core import StepHandler

                class Double(StepHandler):
                    def call(self, context):
                        return context.get_input("n") * 2
                """);
        Files.writeString(dir.resolve("answer.yaml"), """
                name: answer
                namespace_name: reload
                version: 1.0.0
                steps:
                  - { name: answer, handler: { callable: Answer } }
                """);
        Files.writeString(dir.resolve("double.yaml"), """
                name: double
                namespace_name: reload
                version: 1.0.0
                steps:
                  - { name: double, handler: { callable: Double } }
                """);
        loaded = LoadedHandlers.load(List.of(dir), new GuestSettings(1, 1, 2, dir.resolve(".ts-cache")), "test");
        engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s, Map.of(), loaded.resolver());
        loaded.templates().templates().forEach(engine.store()::registerTemplate);
        loaded.watch(Duration.ofMillis(200), engine.store()::registerTemplate);
    }

    @AfterEach
    void stop() {
        engine.close();
        loaded.close();
        TestDatabases.deleteRecursively(dir);
    }

    private String answer(String context) {
        TaskView task = engine.awaitEnd(engine.submit("reload", "answer", context));
        return task.step("answer").orElseThrow().result().asText();
    }

    @Test
    void anEditedHandlerServesNewAttemptsWhileARunningAttemptFinishesOnTheOldCode() throws Exception {
        UUID slow = engine.submit("reload", "answer", "{\"busy_ms\": 4000}");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.task(slow).step("answer").map(StepView::state).orElseThrow() == StepState.IN_PROGRESS);

        Files.writeString(dir.resolve("answer.mjs"), ANSWER_V1.replace("'v1'", "'v2'"));

        await().atMost(Duration.ofSeconds(10)).until(() -> answer("{\"n\": " + System.nanoTime() + "}").equals("v2"));
        TaskView slowDone = engine.awaitEnd(slow);
        assertThat(slowDone.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(slowDone.step("answer").orElseThrow().result().asText()).isEqualTo("v1");
    }

    @Test
    void aPythonEditIsPickedUpToo() throws Exception {
        Files.writeString(dir.resolve("double.py"), Files.readString(dir.resolve("double.py")).replace("* 2", "* 20"));

        await().atMost(Duration.ofSeconds(15)).until(() -> engine.awaitEnd(engine.submit("reload", "double",
                "{\"n\": 2, \"at\": " + System.nanoTime() + "}")).step("double").orElseThrow().result().asInt() == 40);
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionServingAndIsReported() throws Exception {
        Files.writeString(dir.resolve("answer.mjs"), ANSWER_V1.replace("return 'v1';", "return 'v1' +;"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !loaded.problems().isEmpty());
        assertThat(loaded.problems()).singleElement().asString()
                .startsWith(dir.resolve("answer.mjs") + ":6: SyntaxError")
                .endsWith("(the previous javascript handlers keep serving until it is fixed)");
        assertThat(answer("{}")).isEqualTo("v1");

        Files.writeString(dir.resolve("answer.mjs"), ANSWER_V1.replace("'v1'", "'v3'"));
        await().atMost(Duration.ofSeconds(10)).until(() -> answer("{\"at\": " + System.nanoTime() + "}").equals("v3"));
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aStepWhoseHandlerWasDeletedWaitsUntouchedAndRunsWhenTheFileIsBack() throws Exception {
        Files.delete(dir.resolve("answer.mjs"));
        await().atMost(Duration.ofSeconds(10)).until(() -> loaded.resolver().resolve("Answer").isEmpty());

        UUID task = engine.submit("reload", "answer", "{}");
        UUID step = engine.task(task).step("answer").orElseThrow().stepUuid();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.queries().stepTransitions(step).stream()
                .anyMatch(t -> t.reason() != null && t.reason().endsWith("has no handler for 'Answer'")));
        StepView waiting = engine.task(task).step("answer").orElseThrow();
        assertThat(waiting.state()).isEqualTo(StepState.PENDING);
        assertThat(waiting.attempts()).isZero();

        Files.writeString(dir.resolve("answer.mjs"), ANSWER_V1);
        TaskView done = engine.awaitEnd(task, Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("answer").orElseThrow().attempts()).isEqualTo(1);
        assertThat(done.step("answer").orElseThrow().result().asText()).isEqualTo("v1");
    }

    @Test
    void aTemplateEditedUnderTheSameVersionServesNewTasksAndANewVersionRegistersBeside() throws Exception {
        UUID before = engine.submit("reload", "double", "{\"n\": 1}");
        engine.awaitEnd(before);
        Files.writeString(dir.resolve("double.yaml"), """
                name: double
                namespace_name: reload
                version: 1.0.0
                steps:
                  - { name: double, handler: { callable: Double } }
                  - { name: answer, handler: { callable: Answer }, dependencies: [double] }
                """);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.store().findTemplate("reload", "double", "1.0.0").orElseThrow().template().steps().size() == 2);
        TaskView after = engine.awaitEnd(engine.submit("reload", "double", "{\"n\": 2}"));
        assertThat(after.steps()).extracting(StepView::name).containsExactlyInAnyOrder("double", "answer");
        assertThat(engine.task(before).steps()).extracting(StepView::name).containsExactly("double");

        Files.writeString(dir.resolve("double.yaml"), Files.readString(dir.resolve("double.yaml")).replace("1.0.0", "2.0.0"));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.store().findTemplate("reload", "double", "2.0.0").isPresent());
        assertThat(engine.store().findTemplate("reload", "double", "1.0.0")).isPresent();
    }
}
