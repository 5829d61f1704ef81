package dev.tasker.loader;

import dev.tasker.core.handler.StepContext;
import dev.tasker.core.handler.StepHandler;
import dev.tasker.core.handler.StepResult;

/** A Java handler found by class name. */
public final class JavaSquare implements StepHandler {
    @Override
    public StepResult call(StepContext context) {
        long n = context.inputData().get("n").asLong();
        return StepResult.success(n * n);
    }
}
