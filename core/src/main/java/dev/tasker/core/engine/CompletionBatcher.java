package dev.tasker.core.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit of step outcomes. A finishing thread that finds a writer slot free writes its own outcome and every
 * outcome queued so far in one transaction; the others wait for the writer that took theirs. One step in flight
 * is written at once, alone; under load each transaction carries the steps that finished while the previous one
 * was committing.
 */
final class CompletionBatcher {

    private final Function<List<StepCompletion>, List<FinishResult>> writeAll;
    private final int writers;
    private final int maxBatch;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int writing;

    /**
     * @param writeAll writes outcomes in one transaction, answering a result per outcome in the same order
     * @param writers  how many transactions may be in flight at once
     */
    CompletionBatcher(Function<List<StepCompletion>, List<FinishResult>> writeAll, int writers, int maxBatch) {
        this.writeAll = writeAll;
        this.writers = writers;
        this.maxBatch = maxBatch;
    }

    /** Writes the outcome (with others, when they are waiting); throws what writing it threw. */
    FinishResult finish(StepCompletion completion) {
        Pending mine = new Pending(completion);
        boolean interrupted = false;
        synchronized (this) {
            queue.add(mine);
        }
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                while (!mine.done && (mine.taken || writing >= writers)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    break;
                }
                writing++;
                batch = drain();
            }
            write(batch); // a full batch may leave this outcome queued for the next round
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Outcomes waiting for a writer. */
    synchronized int queued() {
        return queue.size();
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < maxBatch) {
            Pending p = queue.poll();
            p.taken = true;
            batch.add(p);
        }
        return batch;
    }

    /** A failed batch is written again one outcome at a time, so one bad outcome does not fail the others. */
    private void write(List<Pending> batch) {
        try {
            List<FinishResult> results = writeAll.apply(batch.stream().map(p -> p.completion).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result = results.get(i);
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().failure = e;
            } else {
                for (Pending p : batch) {
                    try {
                        p.result = writeAll.apply(List.of(p.completion)).getFirst();
                    } catch (RuntimeException one) {
                        p.failure = one;
                    }
                }
            }
        } finally {
            synchronized (this) {
                for (Pending p : batch) {
                    if (p.result == null && p.failure == null) {
                        p.failure = new IllegalStateException("writing the outcome of step " + p.completion.step().stepUuid()
                                + " failed");
                    }
                    p.done = true;
                }
                writing--;
                notifyAll();
            }
        }
    }

    private static final class Pending {
        final StepCompletion completion;
        boolean taken;
        boolean done;
        FinishResult result;
        RuntimeException failure;

        Pending(StepCompletion completion) {
            this.completion = completion;
        }
    }
}
