package dev.tasker.core.engine;

/**
 * An attempt whose lease ran out: its worker died or stopped answering.
 *
 * @param owner    the worker that held the lease
 * @param neverRan the attempt was recorded as waiting for a guest context, so its handler never started
 */
public record ExpiredLease(ClaimedStep step, String owner, boolean neverRan) {
}
