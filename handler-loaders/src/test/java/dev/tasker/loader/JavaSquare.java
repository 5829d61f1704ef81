package dev.tasker.loader;

import dev.tasker.core.api.StepContext;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;

/** A Java handler found by class name. */
public final class JavaSquare implements StepHandler {
    @Override
    public StepResult call(StepContext context) {
        long n = context.inputData().get("n").asLong();
        return StepResult.success(n * n);
    }
}
