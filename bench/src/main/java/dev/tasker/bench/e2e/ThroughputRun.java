package dev.tasker.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many tasks in flight for a while, created through {@code POST /v1/tasks} by several clients and counted as the
 * server counts them ({@code tasker_tasks_completed_total} of {@code GET /metrics}): sustained steps and tasks per
 * second, and the CPU they cost the server and the machine. One submitter creating a task at a time would cap the run
 * at 1 / creation latency tasks per second.
 */
public final class ThroughputRun {

    private static final int SUBMITTERS = 4;

    public record Result(Shape shape, Language language, int inFlight, double seconds, double stepsPerSecond,
                         double tasksPerSecond, double serverCpuPerThousandSteps, double machineCpuPerThousandSteps) {
    }

    private final ServedEngine engine;

    public ThroughputRun(ServedEngine engine) {
        this.engine = engine;
    }

    public Result run(Shape shape, Language language, int inFlight, Duration warmUp, Duration window) throws Exception {
        long base = engine.tasksCompleted();
        AtomicLong submitted = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        threads.add(Thread.ofPlatform().name("bench-counter").start(() -> {
            try {
                while (running.get() || completed.get() < submitted.get()) {
                    completed.set(engine.tasksCompleted() - base);
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                failures.add(e);
            }
        }));
        for (int i = 0; i < SUBMITTERS; i++) {
            threads.add(Thread.ofPlatform().name("bench-submitter-" + i).start(() -> {
                try {
                    while (running.get() && failures.isEmpty()) {
                        if (submitted.incrementAndGet() - completed.get() > inFlight) {
                            submitted.decrementAndGet();
                            Thread.sleep(1);
                            continue;
                        }
                        engine.submit(shape, language);
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        Thread.sleep(warmUp.toMillis());
        long tasks0 = completed.get();
        double server0 = engine.cpuSeconds();
        double machine0 = Machine.machineCpuSeconds();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        long tasks = completed.get() - tasks0;
        double seconds = (System.nanoTime() - start) / 1e9;
        double server = engine.cpuSeconds() - server0;
        double machine = Machine.machineCpuSeconds() - machine0;
        running.set(false);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                throw new IllegalStateException("tasks of " + shape.templateName(language) + " were still running 2 minutes after the run ("
                        + completed.get() + " of " + submitted.get() + " completed)");
            }
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        long steps = tasks * shape.steps();
        return new Result(shape, language, inFlight, seconds, steps / seconds, tasks / seconds,
                server / steps * 1000, machine / steps * 1000);
    }
}
