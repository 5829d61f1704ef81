package dev.tasker.core.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitionTablesTest {

    @Test
    void terminalStatesHaveNoWayOut() {
        for (TaskState from : TaskState.values()) {
            for (TaskState to : TaskState.values()) {
                if (from.isTerminal()) {
                    assertThat(TaskTransitions.isAllowed(from, to)).as(from + " -> " + to).isFalse();
                }
            }
        }
        for (StepState to : StepState.values()) {
            assertThat(StepTransitions.isAllowed(StepState.COMPLETE, to)).isFalse();
            assertThat(StepTransitions.isAllowed(StepState.CANCELLED, to)).isFalse();
        }
    }

    @Test
    void anIllegalTransitionFailsLoudlyNamingBothStates() {
        assertThatThrownBy(() -> StepTransitions.check(StepState.COMPLETE, StepState.IN_PROGRESS))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("illegal step transition complete -> in_progress");
        assertThatThrownBy(() -> TaskTransitions.check(TaskState.CANCELLED, TaskState.STEPS_IN_PROCESS))
                .hasMessage("illegal task transition cancelled -> steps_in_process");
    }

    @Test
    void theManualActionsAreAllowedFromError() {
        assertThat(StepTransitions.isAllowed(StepState.ERROR, StepState.PENDING)).isTrue();
        assertThat(StepTransitions.isAllowed(StepState.ERROR, StepState.RESOLVED_MANUALLY)).isTrue();
        assertThat(StepTransitions.isAllowed(StepState.ERROR, StepState.COMPLETE)).isTrue();
    }
}
