package dev.tasker.core.engine;

import java.time.Instant;

/** One audited state change. */
public record Transition(String fromState, String toState, int attempt, String worker, String reason, Instant at) {
}
