package dev.tasker.core.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.tasker.core.state.StepState.*;

/**
 * The step transitions this engine makes. A JVM claims a step (pending or waiting_for_retry to
 * in_progress) and finishes it in one transaction, so the enqueued hand-off states are not passed through.
 */
public final class StepTransitions {

    private static final Map<StepState, Set<StepState>> ALLOWED = new EnumMap<>(StepState.class);

    static {
        allow(PENDING, IN_PROGRESS, ENQUEUED, CANCELLED, RESOLVED_MANUALLY, COMPLETE);
        allow(ENQUEUED, IN_PROGRESS, CANCELLED);
        allow(IN_PROGRESS, COMPLETE, WAITING_FOR_RETRY, ERROR, CANCELLED, ENQUEUED_FOR_ORCHESTRATION,
                ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, PENDING);
        allow(ENQUEUED_FOR_ORCHESTRATION, COMPLETE, ERROR, CANCELLED);
        allow(ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, WAITING_FOR_RETRY, ERROR, CANCELLED);
        allow(WAITING_FOR_RETRY, IN_PROGRESS, CANCELLED, RESOLVED_MANUALLY, COMPLETE);
        allow(ERROR, PENDING, RESOLVED_MANUALLY, COMPLETE);
        ALLOWED.put(StepState.COMPLETE, EnumSet.noneOf(StepState.class));
        ALLOWED.put(StepState.CANCELLED, EnumSet.noneOf(StepState.class));
        ALLOWED.put(StepState.RESOLVED_MANUALLY, EnumSet.noneOf(StepState.class));
    }

    private StepTransitions() {
    }

    private static void allow(StepState from, StepState... to) {
        ALLOWED.put(from, EnumSet.copyOf(Set.of(to)));
    }

    public static boolean isAllowed(StepState from, StepState to) {
        return ALLOWED.get(from).contains(to);
    }

    public static void check(StepState from, StepState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException("step", from, to);
        }
    }
}
