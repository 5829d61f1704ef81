package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One state change of a step, with what the attempt that caused it returned or raised.
 *
 * @param id              the transition's position in the audit (increasing)
 * @param success         true or false for a change that ended an attempt; null for every other change
 * @param result          what the attempt returned (its error when it failed); null when no attempt ended here
 * @param executionMillis how long that attempt ran, or null
 */
public record StepAuditEntry(long id, String fromState, String toState, int attempt, String worker, String reason,
                             Instant at, Boolean success, JsonNode result, Long executionMillis) {
}
