package dev.tasker.host.server;

import dev.tasker.core.dlq.DeadLetterQueue;
import dev.tasker.host.config.TaskerConfig;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Enters the tasks that need a person into the dead-letter queue, on its own thread, every sweep interval. */
final class DeadLetterSweep implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeadLetterSweep.class.getName());

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("tasker-dlq-sweep").unstarted(runnable));

    DeadLetterSweep(DeadLetterQueue queue, TaskerConfig.DlqConfig config) {
        long seconds = config.sweepInterval().toSeconds();
        timer.scheduleWithFixedDelay(() -> {
            try {
                int entered = queue.sweep(config.staleness());
                if (entered > 0) {
                    LOG.info(() -> entered + (entered == 1 ? " task" : " tasks") + " entered the dead-letter queue "
                            + "(GET /v1/dlq/investigation-queue)");
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "The dead-letter sweep failed (" + e.getMessage() + "); it runs again in " + seconds + " s");
            }
        }, Math.min(seconds, 5), seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
