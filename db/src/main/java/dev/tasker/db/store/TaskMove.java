package dev.tasker.db.store;

import dev.tasker.core.state.TaskState;
import dev.tasker.core.state.TaskTransitions;

/**
 * Task transitions as the statements record them: every row of {@code task_transitions} is written by {@link #insert},
 * its states checked against {@link TaskTransitions} by {@link #checked} as they are bound.
 */
final class TaskMove {

    private TaskMove() {
    }

    /** The name of the state a task reaches from {@code from}, checked; a placeholder of an {@link #insert} binds it. */
    static String checked(TaskState from, TaskState to) {
        TaskTransitions.check(from, to);
        return to.dbName();
    }

    /**
     * An INSERT of one transition row per row that {@code source} selects (an SQL FROM clause, with its WHERE and
     * ORDER BY if any); the other arguments are SQL expressions over it.
     */
    static String insert(String taskUuid, String fromState, String toState, String worker, String reason, String source) {
        return "INSERT INTO task_transitions (task_uuid, from_state, to_state, worker, reason)\n"
                + "    SELECT " + String.join(", ", taskUuid, fromState, toState, worker, reason) + "\n    FROM " + source;
    }
}
