package dev.tasker.bench.e2e;

import dev.tasker.core.handler.StepContext;
import dev.tasker.core.handler.StepHandler;
import dev.tasker.core.handler.StepResult;

/** The Java no-op: what the engine costs with nothing to do. */
public final class NoopHandler implements StepHandler {

    @Override
    public StepResult call(StepContext context) {
        return StepResult.success(null);
    }
}
