package dev.tasker.bench.e2e;

import dev.tasker.core.api.StepContext;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;

import java.util.Map;

/** The Java step of the benchmark, as in every language: reads the task's {@code n} and returns {@code {n: n + 1}}. */
public final class ReadInputHandler implements StepHandler {

    @Override
    public StepResult call(StepContext context) {
        var n = context.getInput("n");
        return StepResult.success(Map.of("n", (n == null || n.isNull() ? 0 : n.asInt()) + 1));
    }
}
