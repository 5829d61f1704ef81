package dev.tasker.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sustained load for a long while, 50 tasks in flight, the guest languages in turn (30 s each): the server's memory
 * sampled after every turn, to see whether it stays flat.
 */
public final class SoakRun {

    private static final Duration TURN = Duration.ofSeconds(30);

    /** @param firstRssMb the server's RSS once a tenth of the run has passed; {@code lastRssMb} at the end */
    public record Result(double minutes, long steps, double firstRssMb, double lastRssMb, double maxRssMb) {
    }

    private final ServedEngine engine;
    private final List<Language> languages;

    public SoakRun(ServedEngine engine, Set<Language> languages) {
        this.engine = engine;
        List<Language> guests = new ArrayList<>(languages);
        guests.remove(Language.JAVA);
        this.languages = guests.isEmpty() ? List.copyOf(languages) : guests;
    }

    public Result run(Duration length) throws Exception {
        long turns = Math.max(2, length.dividedBy(TURN));
        long steps = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        double max = 0;
        long start = System.nanoTime();
        for (long turn = 0; turn < turns; turn++) {
            Language language = languages.get((int) (turn % languages.size()));
            ThroughputRun.Result r = new ThroughputRun(engine).run(Shape.LINEAR_10, language, 50, Duration.ZERO, TURN);
            steps += Math.round(r.stepsPerSecond() * r.seconds());
            last = Machine.memoryMb(engine.pid(), "VmRSS");
            max = Math.max(max, last);
            if (Double.isNaN(first) && turn + 1 >= Math.max(1, turns / 10)) {
                first = last;
            }
        }
        return new Result((System.nanoTime() - start) / 6e10, steps, first, last, max);
    }
}
