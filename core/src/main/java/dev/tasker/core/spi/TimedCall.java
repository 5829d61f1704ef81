package dev.tasker.core.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.api.HandlerError;
import dev.tasker.core.api.StepContext;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handler called under its step's timeout outside the engine's worker (the test kit): past the timeout it is stopped
 * as the worker stops it, by interrupting its thread and {@link StepHandler#cancel}, and the call ends in a retryable
 * {@code Timeout}. The language runtimes keep no timers of their own: whoever calls a handler times it.
 */
public final class TimedCall {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tasker-call-timer");
        t.setDaemon(true);
        return t;
    });

    private TimedCall() {
    }

    public static StepResult call(StepHandler handler, StepContext context) throws Exception {
        Thread caller = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            fired.set(true);
            caller.interrupt();
            handler.cancel(caller);
        }, context.timeoutSeconds(), TimeUnit.SECONDS);
        try {
            StepResult result = handler.call(context);
            if (fired.get()) {
                throw timedOut(handler, context);
            }
            return result;
        } catch (Exception e) {
            throw fired.get() ? timedOut(handler, context) : e;
        } finally {
            timer.cancel(false);
            if (fired.get()) {
                Thread.interrupted();
            }
        }
    }

    private static HandlerError timedOut(StepHandler handler, StepContext context) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("error_type", "Timeout");
        error.put("message", "step '" + context.stepName() + "' ran past its timeout of " + context.timeoutSeconds()
                + " s and was interrupted");
        error.put("language", handler.language());
        return new HandlerError(error, true, null);
    }
}
