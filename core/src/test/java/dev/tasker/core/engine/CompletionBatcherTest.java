package dev.tasker.core.engine;

import dev.tasker.core.retry.RetryPolicy;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompletionBatcherTest {

    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aLoneOutcomeIsWrittenAtOnceInATransactionOfItsOwn() {
        var batcher = new CompletionBatcher(this::record, 1, 16);

        FinishResult result = batcher.finish(completion("alone"));

        assertThat(result.taskState()).isEqualTo(TaskState.COMPLETE);
        assertThat(transactions).containsExactly(List.of("alone"));
    }

    @Test
    void outcomesThatFinishWhileATransactionIsWritingGoTogetherInTheNextOne() throws Exception {
        var batcher = holdingFirst(1, null);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<FinishResult> first = threads.submit(() -> batcher.finish(completion("first")));
            assertThat(firstWriting.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<FinishResult>> waiting = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                waiting.add(threads.submit(() -> batcher.finish(completion(name))));
            }
            awaitQueued(batcher, 3);
            releaseFirst.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS).accepted()).isTrue();
            for (Future<FinishResult> f : waiting) {
                assertThat(f.get(5, TimeUnit.SECONDS).accepted()).isTrue();
            }
            assertThat(transactions).hasSize(2);
            assertThat(transactions.getFirst()).containsExactly("first");
            assertThat(transactions.get(1)).containsExactlyInAnyOrder("a", "b", "c");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void outcomesBeyondAFullBatchAreWrittenInTheNextOne() throws Exception {
        var batcher = holdingFirst(1, null, 2);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<FinishResult> first = threads.submit(() -> batcher.finish(completion("first")));
            assertThat(firstWriting.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<FinishResult>> waiting = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                waiting.add(threads.submit(() -> batcher.finish(completion(name))));
                awaitQueued(batcher, waiting.size());
            }
            releaseFirst.countDown();

            first.get(5, TimeUnit.SECONDS);
            for (Future<FinishResult> f : waiting) {
                assertThat(f.get(5, TimeUnit.SECONDS).accepted()).isTrue();
            }
            assertThat(transactions).containsExactly(List.of("first"), List.of("a", "b"), List.of("c"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whenABatchFailsEachOutcomeIsWrittenAloneSoOnlyTheBadOneFails() throws Exception {
        var batcher = holdingFirst(1, "bad");
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<FinishResult> first = threads.submit(() -> batcher.finish(completion("first")));
            assertThat(firstWriting.await(5, TimeUnit.SECONDS)).isTrue();
            Future<FinishResult> good = threads.submit(() -> batcher.finish(completion("good")));
            Future<FinishResult> bad = threads.submit(() -> batcher.finish(completion("bad")));
            awaitQueued(batcher, 2);
            releaseFirst.countDown();

            first.get(5, TimeUnit.SECONDS);
            assertThat(good.get(5, TimeUnit.SECONDS).accepted()).isTrue();
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("step 'bad' cannot be written");
            assertThat(transactions).containsExactly(List.of("first"), List.of("good"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoWritersLetASecondTransactionStartWhileTheFirstIsWriting() throws Exception {
        var batcher = holdingFirst(2, null);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<FinishResult> first = threads.submit(() -> batcher.finish(completion("first")));
            assertThat(firstWriting.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(threads.submit(() -> batcher.finish(completion("second"))).get(5, TimeUnit.SECONDS).accepted()).isTrue();
            releaseFirst.countDown();
            first.get(5, TimeUnit.SECONDS);
            assertThat(transactions).containsExactly(List.of("second"), List.of("first"));
        } finally {
            threads.shutdownNow();
        }
    }

    /** A batcher whose transaction for the step named "first" waits until {@link #releaseFirst} is counted down. */
    private final CountDownLatch firstWriting = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    private CompletionBatcher holdingFirst(int writers, String failing) {
        return holdingFirst(writers, failing, 16);
    }

    private CompletionBatcher holdingFirst(int writers, String failing, int maxBatch) {
        return new CompletionBatcher(batch -> {
            if (batch.getFirst().step().name().equals("first")) {
                firstWriting.countDown();
                await(releaseFirst);
            }
            if (batch.stream().anyMatch(c -> c.step().name().equals(failing))) {
                throw new IllegalStateException("step '" + failing + "' cannot be written");
            }
            return record(batch);
        }, writers, maxBatch);
    }

    private List<FinishResult> record(List<StepCompletion> batch) {
        transactions.add(batch.stream().map(c -> c.step().name()).toList());
        return batch.stream().map(c -> new FinishResult(true, 0, TaskState.COMPLETE, List.of())).toList();
    }

    private static void awaitQueued(CompletionBatcher batcher, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batcher.queued() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(batcher.queued()).isEqualTo(n);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static StepCompletion completion(String name) {
        ClaimedStep step = new ClaimedStep(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), name, name, "tests",
                "Noop", 1, RetryPolicy.DEFAULT, 30, null, null, null, Map.of());
        return new StepCompletion(step, new StepOutcome(StepState.COMPLETE, null, null, null, null, "completed"), 1);
    }
}
