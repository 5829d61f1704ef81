package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A task keeps the template definition it was created with; new tasks get the current one. */
class TemplateVersionsTest {

    private static final String V1 = """
            name: greet
            namespace_name: hello
            version: 1.0.0
            steps:
              - { name: say, handler: { callable: Say, initialization: { word: hello } } }
            """;

    @Test
    void aChangedDefinitionServesNewTasksWhileOlderTasksKeepTheirs() {
        try (TestEngine engine = new TestEngine().handler("Say", ctx -> {
            Thread.sleep(ctx.getInput("nap_ms").asLong());
            return StepResult.success(ctx.getConfig("word").asText());
        })) {
            engine.template(V1);
            UUID old = engine.submit("hello", "greet", "{\"nap_ms\": 800}");

            engine.template(V1.replace("word: hello", "word: bonjour"));
            UUID changed = engine.submit("hello", "greet", "{\"nap_ms\": 0}");
            engine.template(V1.replace("1.0.0", "2.0.0").replace("word: hello", "word: hola"));
            UUID latest = engine.submit("hello", "greet", "{\"nap_ms\": 1}");
            UUID pinned = engine.submit(new TaskRequest("hello", "greet", "1.0.0", TestEngine.json("{\"nap_ms\": 2}"),
                    null, null, null, null, null, null));

            assertThat(engine.awaitEnd(old).step("say").orElseThrow().result().asText()).isEqualTo("hello");
            assertThat(engine.awaitEnd(changed).step("say").orElseThrow().result().asText()).isEqualTo("bonjour");
            assertThat(engine.awaitEnd(latest).version()).isEqualTo("2.0.0");
            assertThat(engine.awaitEnd(latest).step("say").orElseThrow().result().asText()).isEqualTo("hola");
            assertThat(engine.awaitEnd(pinned).step("say").orElseThrow().result().asText()).isEqualTo("bonjour");
        }
    }
}
