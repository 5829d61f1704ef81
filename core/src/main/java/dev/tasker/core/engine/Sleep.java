package dev.tasker.core.engine;

final class Sleep {

    private Sleep() {
    }

    /** Sleeps; an interrupt ends the sleep and stays set. */
    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
