package dev.tasker.core.handler;

/**
 * A step handler in Java. Return a {@link StepResult}, or throw: {@link PermanentError} fails the step
 * at once, anything else is retried under the step's policy.
 */
@FunctionalInterface
public interface StepHandler {

    StepResult call(StepContext context) throws Exception;

    /** The language the handler is written in, for metrics and logs. */
    default String language() {
        return "java";
    }
}
