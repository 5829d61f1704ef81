package dev.tasker.bridge;

import dev.tasker.core.api.StepContext;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;

/** A guest-language handler seen through the engine's Java SPI. */
final class GuestStepHandler implements StepHandler {

    private final LanguageRuntime runtime;
    private final String name;

    GuestStepHandler(LanguageRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = name;
    }

    @Override
    public void cancel(Thread thread) {
        runtime.cancelCallOn(thread);
    }

    /** A call waits for one of its language's contexts; the step's timeout starts once it has one. */
    @Override
    public boolean waitsForARunner() {
        return true;
    }

    @Override
    public String language() {
        return runtime.language();
    }

    @Override
    public StepResult call(StepContext context) throws InterruptedException {
        GuestCheckpoints.enter(context);
        try {
            String answer = runtime.invoke(name, GuestPayload.of(context), context::runnerAcquired);
            return GuestAnswer.toResult(answer, runtime.language(), name);
        } finally {
            GuestCheckpoints.clear();
        }
    }
}
