package dev.tasker.core.engine;

/**
 * One step's outcome on its way to the store.
 *
 * @param claimChildren how many children that become ready may be claimed for this worker in the same transaction
 */
public record StepCompletion(ClaimedStep step, StepOutcome outcome, int claimChildren) {
}
