package dev.tasker.core.state;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an operator may do to a step, and from which states (Tasker's step actions). None applies to a running step:
 * the engine's own in_progress → pending transition (a lease handed back) is not an operator's.
 */
public enum OperatorAction {
    RESET_FOR_RETRY("reset_for_retry", StepState.PENDING, EnumSet.of(StepState.ERROR)),
    RESOLVE_MANUALLY("resolve_manually", StepState.RESOLVED_MANUALLY,
            EnumSet.of(StepState.PENDING, StepState.WAITING_FOR_RETRY, StepState.ERROR)),
    COMPLETE_MANUALLY("complete_manually", StepState.COMPLETE,
            EnumSet.of(StepState.PENDING, StepState.WAITING_FOR_RETRY, StepState.ERROR));

    private final String apiName;
    private final StepState target;
    private final Set<StepState> from;

    OperatorAction(String apiName, StepState target, Set<StepState> from) {
        this.apiName = apiName;
        this.target = target;
        this.from = from;
    }

    public String apiName() {
        return apiName;
    }

    public StepState target() {
        return target;
    }

    public boolean appliesTo(StepState state) {
        return from.contains(state);
    }

    /** e.g. "a step in error", "a step that is pending, waiting_for_retry or in error". */
    public String appliesToText() {
        if (from.equals(EnumSet.of(StepState.ERROR))) {
            return "a step in error";
        }
        return "a step that is " + from.stream().filter(s -> s != StepState.ERROR).map(StepState::dbName)
                .collect(Collectors.joining(", ")) + " or in error";
    }
}
