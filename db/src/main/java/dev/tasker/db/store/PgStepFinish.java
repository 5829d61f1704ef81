package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.DependencyResults;
import dev.tasker.core.engine.FinishResult;
import dev.tasker.core.engine.NewTask;
import dev.tasker.core.engine.RootClaim;
import dev.tasker.core.engine.StepCompletion;
import dev.tasker.core.engine.StepOutcome;
import dev.tasker.core.engine.TaskFactory;
import dev.tasker.core.events.DomainEvent;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.StepTransitions;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Finishing steps: each outcome with its transition and audit rows, its children released (and some claimed), the
 * task rolled up, several steps in one transaction.
 */
final class PgStepFinish {

    private final Tx tx;
    private final Notifications notifications;

    PgStepFinish(Tx tx, Notifications notifications) {
        this.tx = tx;
        this.notifications = notifications;
    }

    /** @param dependencies what the children claimed here need to run; null: claim none */
    FinishResult finish(String workerId, ClaimedStep step, StepOutcome outcome, int claimChildren, int leaseMarginSeconds,
                        DependencyResults dependencies) {
        return finishAll(workerId, List.of(new StepCompletion(step, outcome, claimChildren)), leaseMarginSeconds,
                dependencies).getFirst();
    }

    /**
     * Finishes the steps in one transaction: every outcome is written by one statement, which releases the children of
     * completions that only release them; the other outcomes then add what they create (steps, a child task, events)
     * and release their children one by one. Tasks are locked in the order of their ids (the order in which every
     * writer that locks several tasks takes them), so that two batches cannot wait for each other.
     */
    List<FinishResult> finishAll(String workerId, List<StepCompletion> completions, int leaseMarginSeconds,
                                 DependencyResults dependencies) {
        List<Finishing> finishing = completions.stream().map(PgStepFinish::finishing).toList();
        List<Integer> order = IntStream.range(0, finishing.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> finishing.get(i).step.taskUuid().toString())
                        .thenComparing(i -> finishing.get(i).step.stepUuid().toString()))
                .toList();
        return tx.run(c -> {
            List<Finishing> sorted = order.stream().map(finishing::get).toList();
            List<PgChildRelease.Finished> written = PgStepOutcomes.write(c, workerId, sorted.stream()
                    .map(f -> new PgStepOutcomes.Writing(f.step, f.outcome, dependencies == null ? 0 : f.claimChildren,
                            f.onlyReleases()))
                    .toList(), leaseMarginSeconds);
            FinishResult[] results = new FinishResult[finishing.size()];
            List<Integer> completed = new ArrayList<>();
            for (int k = 0; k < sorted.size(); k++) {
                if (sorted.get(k).onlyReleases()) {
                    completed.add(k);
                }
            }
            List<FinishResult> done = rollUpCompleted(c, workerId, completed.stream().map(sorted::get).toList(),
                    completed.stream().map(written::get).toList(), dependencies);
            for (int k = 0; k < completed.size(); k++) {
                results[order.get(completed.get(k))] = done.get(k);
            }
            for (int k = 0; k < sorted.size(); k++) {
                if (!sorted.get(k).onlyReleases()) {
                    results[order.get(k)] = written.get(k).finished() && written.get(k).taskState() != null
                            ? finishOther(c, workerId, sorted.get(k), leaseMarginSeconds, dependencies)
                            : FinishResult.rejected();
                }
            }
            Set<String> othersMayTake = new TreeSet<>();
            for (int i : order) {
                if (results[i].releasedReady() > results[i].claimedChildren().size()) {
                    othersMayTake.add(finishing.get(i).step.namespace());
                }
            }
            for (String namespace : othersMayTake) {
                notifications.work(c, namespace);
            }
            return Arrays.asList(results);
        });
    }

    /**
     * Steps that completed and had their children released by the statement: each task is rolled up once, and only
     * the last of its steps reports the state it reached (earlier ones, the state it was in).
     */
    private List<FinishResult> rollUpCompleted(Connection c, String workerId, List<Finishing> completed,
                                               List<PgChildRelease.Finished> finished, DependencyResults dependencies)
            throws SQLException {
        Map<UUID, Integer> lastOfTask = new LinkedHashMap<>();
        Set<UUID> releasedReady = new HashSet<>();
        List<DomainEvent> events = new ArrayList<>();
        for (int k = 0; k < completed.size(); k++) {
            if (finished.get(k).finished() && finished.get(k).taskState() != null) {
                UUID task = completed.get(k).step.taskUuid();
                lastOfTask.put(task, k);
                if (!finished.get(k).released().ready().isEmpty()) {
                    releasedReady.add(task);
                }
                events.addAll(completed.get(k).outcome.events());
            }
        }
        Map<UUID, TaskState> reached = new HashMap<>();
        for (Map.Entry<UUID, Integer> last : lastOfTask.entrySet()) {
            ClaimedStep step = completed.get(last.getValue()).step;
            TaskState state = finished.get(last.getValue()).taskState();
            boolean stillInProcess = state == TaskState.STEPS_IN_PROCESS
                    && (releasedReady.contains(last.getKey()) || TaskRollup.othersActive(c, last.getKey(), step.stepUuid()));
            reached.put(last.getKey(), stillInProcess ? state
                    : TaskRollup.rollUp(c, last.getKey(), state, workerId, "step " + step.name() + " complete"));
        }
        PgOutbox.write(c, events);
        List<FinishResult> results = new ArrayList<>(completed.size());
        for (int k = 0; k < completed.size(); k++) {
            Finishing f = completed.get(k);
            PgChildRelease.Finished done = finished.get(k);
            if (!done.finished() || done.taskState() == null) {
                results.add(FinishResult.rejected());
                continue;
            }
            List<ClaimedStep> mine = done.released().claimed();
            if (!mine.isEmpty()) {
                mine = dependencies.attach(mine, PgDependencyResults.forChildren(c, f.step, f.outcome,
                        dependencies.wanted(mine)));
            }
            UUID task = f.step.taskUuid();
            TaskState state = lastOfTask.get(task) == k ? reached.get(task) : done.taskState();
            results.add(new FinishResult(true, done.released().ready().size(), state, mine));
        }
        return results;
    }

    /** An outcome checked and ready to write; a sub-workflow's child task is built once, with its id in the result. */
    private record Finishing(ClaimedStep step, StepOutcome outcome, NewTask child, int claimChildren) {

        /** A completion that adds no steps, starts no child task and waits for nothing: it only releases children. */
        boolean onlyReleases() {
            return outcome.nextState() == StepState.COMPLETE && outcome.createSteps().isEmpty() && child == null
                    && outcome.retryAt() == null;
        }
    }

    private static Finishing finishing(StepCompletion completion) {
        StepOutcome given = completion.outcome();
        ClaimedStep step = completion.step();
        StepTransitions.check(StepState.IN_PROGRESS, given.nextState());
        NewTask child = given.child() == null ? null
                : TaskFactory.build(given.child().template(), given.child().request(), step.stepUuid());
        StepOutcome outcome = child == null ? given : given.withResult(withChildUuid(given.result(), child.taskUuid()));
        return new Finishing(step, outcome, child, completion.claimChildren());
    }

    /**
     * An outcome other than a completion that only releases children, already written: what it creates, its
     * children's release and its task's roll-up, the task's state read afresh (an earlier step of the batch may have
     * rolled it up).
     */
    private FinishResult finishOther(Connection c, String workerId, Finishing f, int leaseMarginSeconds,
                                     DependencyResults dependencies) throws SQLException {
        ClaimedStep step = f.step;
        StepOutcome outcome = f.outcome;
        int claimChildren = dependencies == null ? 0 : f.claimChildren;
        TaskState taskState = TaskRollup.lockTask(c, step.taskUuid());
        PgChildRelease.Released released = recordAndRelease(c, workerId, step, outcome, f.child, claimChildren,
                leaseMarginSeconds, dependencies);
        List<UUID> ready = released.ready();
        List<ClaimedStep> mine = released.claimed();
        if (!mine.isEmpty()) {
            mine = dependencies.attach(mine, PgDependencyResults.forChildren(c, step, outcome, dependencies.wanted(mine)));
        }
        boolean stillInProcess = taskState == TaskState.STEPS_IN_PROCESS && outcome.nextState() == StepState.COMPLETE
                && (!ready.isEmpty() || TaskRollup.othersActive(c, step.taskUuid(), step.stepUuid()));
        TaskState after = stillInProcess ? taskState : TaskRollup.rollUp(c, step.taskUuid(), taskState, workerId,
                "step " + step.name() + " " + outcome.nextState().dbName());
        return new FinishResult(true, ready.size(), after, mine);
    }

    /** What an outcome other than a plain completion writes besides the step: new steps, a child task, events. */
    private PgChildRelease.Released recordAndRelease(Connection c, String workerId, ClaimedStep step, StepOutcome outcome,
                                                     NewTask child, int claimChildren, int leaseMarginSeconds,
                                                     DependencyResults dependencies) throws SQLException {
        if (!outcome.createSteps().isEmpty()) {
            PgPlannedSteps.create(c, step, outcome.createSteps());
        }
        if (child != null) {
            PgTaskWriter.insert(c, child, RootClaim.NONE, notifications);
        }
        PgOutbox.write(c, outcome.events());
        boolean release = outcome.succeeded() || (outcome.nextState() == StepState.ERROR
                && outcome.onError() == StepOutcome.OnError.RELEASE_DEPENDENTS);
        if (outcome.nextState() == StepState.ERROR && outcome.onError() == StepOutcome.OnError.CANCEL_SIBLINGS) {
            cancelSiblings(c, step, workerId);
        }
        return !release ? PgChildRelease.Released.NONE
                : dependencies != null && claimChildren > 0
                ? PgChildRelease.releaseAndClaim(c, step.stepUuid(), workerId, claimChildren, leaseMarginSeconds)
                : new PgChildRelease.Released(PgChildRelease.release(c, step.stepUuid()), List.of());
    }

    /** The step's result while it waits: its sub_workflow request, with the child's task_uuid. */
    private static JsonNode withChildUuid(JsonNode result, UUID childUuid) {
        var copy = (com.fasterxml.jackson.databind.node.ObjectNode) result.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("sub_workflow")).put("task_uuid", childUuid.toString());
        return copy;
    }

    /**
     * fail_fast: the unfinished workers made from the same template as a failed one are cancelled. One still
     * running finishes its attempt, and its outcome is discarded (the step is no longer in progress).
     */
    private static void cancelSiblings(Connection c, ClaimedStep failed, String workerId) throws SQLException {
        PgStepCancel.cancel(c, failed.taskUuid(),
                "template_step = ? AND step_uuid <> ? AND current_state IN ('pending', 'in_progress', 'waiting_for_retry')",
                workerId, "fail_fast: " + failed.name() + " failed", failed.templateStep(), failed.stepUuid());
    }
}
