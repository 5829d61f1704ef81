package dev.tasker.host.server;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;

/**
 * SIGTERM and SIGINT end {@code tasker serve} in order and with exit code 0 (a plain JVM exits 143 on
 * SIGTERM): the waiting main thread is released and closes everything before it returns.
 */
public final class ShutdownSignals {

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String received;

    public static ShutdownSignals install() {
        ShutdownSignals signals = new ShutdownSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                signals.received = "SIG" + signal.getName();
                signals.stop.countDown();
            });
        }
        return signals;
    }

    /** Blocks until a signal arrives and answers its name. */
    public String await() throws InterruptedException {
        stop.await();
        return received;
    }
}
