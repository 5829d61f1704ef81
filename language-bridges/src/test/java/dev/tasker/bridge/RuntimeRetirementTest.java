package dev.tasker.bridge;

import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A reload retires the old generation of a language; a call that reaches it as it closes runs on the new one. */
class RuntimeRetirementTest {

    @Test
    void callsThatKeepArrivingAtARetiredRuntimeAllSucceed(@TempDir Path dir) throws Exception {
        Path v1 = Files.createDirectories(dir.resolve("v1"));
        Path v2 = Files.createDirectories(dir.resolve("v2"));
        Files.writeString(v1.resolve("h.mjs"), "import { StepHandler } from '@tasker-systems/tasker';\nexport class Version extends StepHandler { call(context) { return 1; } }\n");
        Files.writeString(v2.resolve("h.mjs"), "import { StepHandler } from '@tasker-systems/tasker';\nexport class Version extends StepHandler { call(context) { return 2; } }\n");
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            JsRuntime old = new JsRuntime(engine, List.of(v1.resolve("h.mjs")), List.of(v1), 1);
            JsRuntime next = new JsRuntime(engine, List.of(v2.resolve("h.mjs")), List.of(v2), 1);
            StepHandler resolvedBeforeTheReload = new GuestHandlers(old).resolve("Version").orElseThrow();
            var answers = new ConcurrentLinkedQueue<Integer>();
            var failures = new ConcurrentLinkedQueue<Throwable>();
            var stop = new AtomicBoolean();
            Thread caller = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    try {
                        answers.add(((StepResult.Success) resolvedBeforeTheReload.call(FakeContext.of("{}"))).result().asInt());
                        Thread.sleep(2);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            CountDownLatch closed = new CountDownLatch(1);

            old.retire(next, closed::countDown);

            assertThat(closed.await(10, TimeUnit.SECONDS)).as("the old runtime closed").isTrue();
            Thread.sleep(300);
            stop.set(true);
            caller.join();
            next.close();
            assertThat(failures).isEmpty();
            assertThat(answers).contains(1, 2).endsWith(2);
        }
    }
}
