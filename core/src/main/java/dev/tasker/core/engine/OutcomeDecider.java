package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.RetryableError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.state.StepState;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * DESIGN §5's error rules: permanent failures end the step at once; retryable ones, timeouts and
 * unexpected exceptions retry with the step's backoff (a handler's retry_after wins) until
 * max_attempts, then the step is in error.
 */
public final class OutcomeDecider {

    private final Clock clock;

    public OutcomeDecider(Clock clock) {
        this.clock = clock;
    }

    public StepOutcome success(StepResult.Success success) {
        return new StepOutcome(StepState.COMPLETE, success.result(), success.metadata(), null, null, "handler succeeded");
    }

    public StepOutcome failure(ClaimedStep step, StepResult.Failure f) {
        ObjectNode error = error(f.errorType() == null ? "StepFailure" : f.errorType(), f.message(), f.retryable(), "java", null);
        if (f.errorCode() != null) {
            error.put("error_code", f.errorCode());
        }
        if (f.metadata() != null) {
            error.set("metadata", f.metadata());
        }
        return f.retryable() ? retryOrError(step, error, f.retryAfter()) : permanent(error);
    }

    public StepOutcome thrown(ClaimedStep step, Throwable t) {
        if (t instanceof PermanentError p) {
            ObjectNode error = error(p.getClass().getSimpleName(), p.getMessage(), false, "java", t);
            if (p.errorCode() != null) {
                error.put("error_code", p.errorCode());
            }
            return permanent(error);
        }
        Duration retryAfter = t instanceof RetryableError r ? r.retryAfter() : null;
        return retryOrError(step, error(t.getClass().getSimpleName(), String.valueOf(t.getMessage()), true, "java", t), retryAfter);
    }

    /** A guest-language error already described by its bridge. */
    public StepOutcome described(ClaimedStep step, JsonNode error, boolean retryable, Duration retryAfter) {
        ObjectNode e = error.deepCopy();
        e.put("retryable", retryable);
        return retryable ? retryOrError(step, e, retryAfter) : permanent(e);
    }

    public StepOutcome timedOut(ClaimedStep step) {
        return retryOrError(step, error("Timeout", "step '" + step.name() + "' ran past its timeout of "
                + step.timeoutSeconds() + " s and was interrupted", true, null, null), null);
    }

    /**
     * The attempt of a worker that died: a timeout, retried without backoff and in its place in the queue (the worker
     * died, the step did not fail, and it goes before the steps that became ready after it).
     */
    public StepOutcome leaseExpired(ClaimedStep step, String owner) {
        StepOutcome timeout = timedOut(step);
        String expired = "lease of worker " + owner + " expired; ";
        if (timeout.nextState() != StepState.WAITING_FOR_RETRY) {
            return new StepOutcome(timeout.nextState(), null, null, timeout.error(), null, expired + timeout.reason());
        }
        return new StepOutcome(StepState.WAITING_FOR_RETRY, null, null, timeout.error(), null, expired + "attempt "
                + step.attempt() + " of " + step.retry().maxAttempts() + " failed");
    }

    private StepOutcome permanent(ObjectNode error) {
        return new StepOutcome(StepState.ERROR, null, null, error, null, "permanent failure: " + error.path("message").asText());
    }

    private StepOutcome retryOrError(ClaimedStep step, ObjectNode error, Duration retryAfter) {
        if (step.retry().allowsAnotherAttempt(step.attempt())) {
            Duration wait = retryAfter != null ? retryAfter : step.retry().delayAfter(step.attempt());
            return new StepOutcome(StepState.WAITING_FOR_RETRY, null, null, error, Instant.now(clock).plus(wait),
                    "attempt " + step.attempt() + " of " + step.retry().maxAttempts() + " failed; retry in " + wait.toMillis() + " ms");
        }
        String why = step.retry().retryable()
                ? "attempt " + step.attempt() + " of " + step.retry().maxAttempts() + " failed; no attempts left"
                : "failed; the step is not retryable";
        return new StepOutcome(StepState.ERROR, null, null, error, null, why);
    }

    static ObjectNode error(String type, String message, boolean retryable, String language, Throwable t) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("error_type", type);
        e.put("message", message);
        e.put("retryable", retryable);
        if (language != null) {
            e.put("language", language);
        }
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            var lines = e.putArray("backtrace");
            trace.toString().lines().skip(1).limit(30).map(String::strip).forEach(lines::add);
        }
        return e;
    }
}
