package dev.tasker.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many tasks in flight for a while: sustained steps and tasks per second, and the CPU they cost. Several threads
 * submit, as several clients would: one submitter creating a task at a time caps the run at 1 / creation latency
 * tasks per second (seen: ~250 tasks/s, 2,500 steps/s of linear 10, whatever the engine could do).
 */
public final class ThroughputRun {

    private static final int SUBMITTERS = 4;

    public record Result(Shape shape, Language language, int inFlight, double seconds, double stepsPerSecond,
                         double tasksPerSecond, double jvmCpuPerThousandSteps, double machineCpuPerThousandSteps) {
    }

    private final BenchEngine engine;

    public ThroughputRun(BenchEngine engine) {
        this.engine = engine;
    }

    public Result run(Shape shape, Language language, int inFlight, Duration warmUp, Duration window) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        LongAdder tasksDone = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> submitters = new ArrayList<>();
        for (int i = 0; i < SUBMITTERS; i++) {
            submitters.add(Thread.ofPlatform().name("bench-submitter-" + i).start(() -> {
                try {
                    while (running.get()) {
                        if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        engine.ended(engine.submit(shape, language)).whenComplete((t, e) -> {
                            tasksDone.increment();
                            slots.release();
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Thread.sleep(warmUp.toMillis());
        long steps0 = engine.stepsCompleted();
        long tasks0 = tasksDone.sum();
        double jvm0 = Machine.jvmCpuSeconds();
        double machine0 = Machine.machineCpuSeconds();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        long steps = engine.stepsCompleted() - steps0;
        long tasks = tasksDone.sum() - tasks0;
        double jvm = Machine.jvmCpuSeconds() - jvm0;
        double machine = Machine.machineCpuSeconds() - machine0;
        running.set(false);
        for (Thread submitter : submitters) {
            submitter.join();
        }
        if (!slots.tryAcquire(inFlight, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("tasks of " + shape.templateName(language) + " were still running 2 minutes after the run");
        }
        return new Result(shape, language, inFlight, seconds, steps / seconds, tasks / seconds,
                jvm / steps * 1000, machine / steps * 1000);
    }
}
