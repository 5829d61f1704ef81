package dev.tasker.core.state;

import java.util.Arrays;

/** The states of a task, under Tasker's names. The current state is a column; every change is audited. */
public enum TaskState {
    PENDING,
    INITIALIZING,
    ENQUEUING_STEPS,
    STEPS_IN_PROCESS,
    EVALUATING_RESULTS,
    WAITING_FOR_DEPENDENCIES,
    WAITING_FOR_RETRY,
    BLOCKED_BY_FAILURES,
    COMPLETE,
    ERROR,
    CANCELLED,
    RESOLVED_MANUALLY;

    private final String dbName = name().toLowerCase();

    /** The name stored in the database and shown in the API. */
    public String dbName() {
        return dbName;
    }

    public boolean isTerminal() {
        return this == COMPLETE || this == ERROR || this == CANCELLED || this == RESOLVED_MANUALLY;
    }

    public static TaskState fromDb(String name) {
        return Arrays.stream(values())
                .filter(s -> s.dbName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task state '" + name + "'"));
    }
}
