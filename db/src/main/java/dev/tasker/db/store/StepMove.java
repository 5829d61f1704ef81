package dev.tasker.db.store;

import dev.tasker.core.state.StepState;
import dev.tasker.core.state.StepTransitions;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A step transition as the statements make it: the states it may leave and the state it reaches, checked against
 * {@link StepTransitions} when it is built (a move the table does not allow fails as its class loads), so that the
 * update's guard and the transition row come from the same states. Every row of {@code workflow_step_transitions}
 * is written by {@link #insert}.
 */
record StepMove(Set<StepState> from, StepState to) {

    static final StepMove CLAIM = of(StepState.IN_PROGRESS, StepState.PENDING, StepState.WAITING_FOR_RETRY);
    static final StepMove CLAIM_PENDING = of(StepState.IN_PROGRESS, StepState.PENDING);
    static final StepMove HAND_BACK = of(StepState.PENDING, StepState.IN_PROGRESS);
    static final StepMove COMPLETE = of(StepState.COMPLETE, StepState.IN_PROGRESS);
    /** A step that waits for its sub-workflow (or failed by it, the child since repaired) completes with it. */
    static final StepMove SETTLE_COMPLETED = of(StepState.COMPLETE, StepState.ENQUEUED_FOR_ORCHESTRATION, StepState.ERROR);
    static final StepMove SETTLE_FAILED = of(StepState.ERROR, StepState.ENQUEUED_FOR_ORCHESTRATION);
    /** Every state the table lets a step be cancelled from. */
    static final StepMove CANCEL = new StepMove(EnumSet.copyOf(EnumSet.allOf(StepState.class).stream()
            .filter(s -> StepTransitions.isAllowed(s, StepState.CANCELLED)).toList()), StepState.CANCELLED);

    StepMove {
        for (StepState leaving : from) {
            StepTransitions.check(leaving, to);
        }
        from = Set.copyOf(from);
    }

    static StepMove of(StepState to, StepState first, StepState... rest) {
        return new StepMove(EnumSet.of(first, rest), to);
    }

    /** {@code column IN (...)}: the states this move leaves, as the update's guard. */
    String leaves(String column) {
        return column + " IN (" + from.stream().sorted().map(StepMove::literal).collect(Collectors.joining(", ")) + ")";
    }

    /** The state reached, as an SQL literal. */
    String reaches() {
        return literal(to);
    }

    /** The state left, as an SQL literal; only for a move that leaves one state. */
    String left() {
        if (from.size() != 1) {
            throw new IllegalStateException("the move to " + to.dbName() + " leaves several states: " + from);
        }
        return literal(from.iterator().next());
    }

    static String literal(StepState state) {
        return "'" + state.dbName() + "'";
    }

    /**
     * The state names of a move decided at run time, checked; bound as the parameters of an {@link #insert} whose
     * states are placeholders.
     */
    static String checked(StepState from, StepState to) {
        StepTransitions.check(from, to);
        return to.dbName();
    }

    /**
     * An INSERT of one transition row per row that {@code source} selects (an SQL FROM clause, with its WHERE and
     * ORDER BY if any); the other arguments are SQL expressions over it.
     */
    static String insert(String stepUuid, String taskUuid, String fromState, String toState, String attempt,
                         String worker, String reason, String source) {
        return "INSERT INTO workflow_step_transitions (step_uuid, task_uuid, from_state, to_state, attempt, worker, reason)\n"
                + "    SELECT " + String.join(", ", stepUuid, taskUuid, fromState, toState, attempt, worker, reason)
                + "\n    FROM " + source;
    }
}
