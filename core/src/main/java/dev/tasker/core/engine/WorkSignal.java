package dev.tasker.core.engine;

/** "New work may be ready": raised by anyone, consumed by the one thread that waits for it, with a time limit. */
final class WorkSignal {

    private final Object monitor = new Object();
    private boolean raised;

    void raise() {
        synchronized (monitor) {
            raised = true;
            monitor.notifyAll();
        }
    }

    /** Waits until the signal is raised or {@code millis} pass, and lowers it; returns at once if it was raised. */
    void await(long millis) {
        synchronized (monitor) {
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (!raised && left > 0) {
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                left = deadline - System.currentTimeMillis();
            }
            raised = false;
        }
    }
}
