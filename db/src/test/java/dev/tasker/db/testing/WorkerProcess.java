package dev.tasker.db.testing;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.Worker;
import dev.tasker.core.engine.WorkerSettings;
import dev.tasker.core.handler.JavaHandlers;
import dev.tasker.db.Database;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.db.store.PgListener;
import dev.tasker.db.store.PgTaskStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A worker in a JVM of its own, for the crash and multi-JVM tests:
 * {@code WorkerProcess <jdbc-url> <schema> <worker-id> <handler-sleep-ms>}. Its one handler, {@code Record},
 * logs each execution, sleeps, and answers the sum of its dependency results plus one.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        String workerId = args[2];
        long sleepMs = Long.parseLong(args[3]);
        Database db = Database.open(new DatabaseSettings(args[0], Path.of("unused"), args[1], 8, Duration.ofSeconds(5)));
        PgTaskStore store = new PgTaskStore(db.dataSource(), db.schema());
        JavaHandlers handlers = new JavaHandlers().register("Record", recording(new ExecutionLog(db.dataSource()), workerId, sleepMs));
        Worker worker = new Worker(store, handlers, new WorkerSettings(workerId, Set.of(), 16, Duration.ofMillis(500), 1,
                Duration.ofMillis(250)));
        PgListener listener = new PgListener(db.url(), store.notifications(), worker::wake, worker::cancelTask);
        worker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.stop(Duration.ofSeconds(5));
            listener.close();
            db.close();
        }));
        System.out.println("READY " + workerId);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The handler both the child JVMs and the test JVM run. */
    public static dev.tasker.core.api.StepHandler recording(ExecutionLog log, String workerId, long sleepMs) {
        return ctx -> {
            log.record(ctx, workerId);
            Thread.sleep(sleepMs);
            long sum = 1;
            for (var r : ctx.dependencyResults().values()) {
                sum += r.asLong();
            }
            return StepResult.success(sum);
        };
    }

    /** Starts one as a child process and waits for it to be ready. */
    public static Process spawn(String jdbcUrl, String schema, String workerId, long sleepMs, Path log) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(), jdbcUrl, schema, workerId,
                Long.toString(sleepMs))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (java.nio.file.Files.exists(log) && java.nio.file.Files.readString(log).contains("READY " + workerId)) {
                return p;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("worker " + workerId + " exited: " + java.nio.file.Files.readString(log));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("worker " + workerId + " did not start: " + java.nio.file.Files.readString(log));
    }
}
