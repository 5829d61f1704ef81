package dev.tasker.core.api;

/**
 * A step handler in Java. Return a {@link StepResult}, or throw: {@link PermanentError} fails the step
 * at once, anything else is retried under the step's policy.
 */
@FunctionalInterface
public interface StepHandler {

    StepResult call(StepContext context) throws Exception;

    /**
     * The step's task was cancelled while this handler runs on {@code thread}, which has been interrupted;
     * a handler that cannot see interrupts (guest code) stops its call here.
     */
    default void cancel(Thread thread) {
    }

    /**
     * Whether a call first waits for a runner shared with other calls (a guest language's contexts) and says when it
     * has one ({@link StepContext#runnerAcquired}); the wait is not part of the attempt's timeout.
     */
    default boolean waitsForARunner() {
        return false;
    }

    /** The language the handler is written in, for metrics and logs. */
    default String language() {
        return "java";
    }
}
