package dev.tasker.core.engine;

import java.util.concurrent.Semaphore;

/** The worker's slots for attempts at once: taken before a claim, never waited for. */
final class Permits {

    private final Semaphore semaphore;

    Permits(int concurrency) {
        this.semaphore = new Semaphore(concurrency);
    }

    /** Takes up to {@code max} free permits without waiting; answers how many. */
    int take(int max) {
        int n = 0;
        while (n < max && semaphore.tryAcquire()) {
            n++;
        }
        return n;
    }

    void give(int n) {
        semaphore.release(n);
    }
}
