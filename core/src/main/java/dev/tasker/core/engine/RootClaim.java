package dev.tasker.core.engine;

/**
 * A new task's first ready steps, taken by the creating JVM's worker in the transaction that creates the task: the
 * rows are written in progress, so no claim follows the creation.
 *
 * @param atMost how many of them (in template order); 0: none, they wait in the queue
 * @param places what the worker set aside for them (its own bookkeeping; the store ignores it)
 */
public record RootClaim(String workerId, int atMost, int leaseMarginSeconds, Object places) {

    public static final RootClaim NONE = new RootClaim(null, 0, 0, null);

    public RootClaim(String workerId, int atMost, int leaseMarginSeconds) {
        this(workerId, atMost, leaseMarginSeconds, null);
    }
}
