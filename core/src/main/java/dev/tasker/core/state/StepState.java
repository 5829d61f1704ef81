package dev.tasker.core.state;

import java.util.Arrays;

/** The states of a workflow step, under Tasker's names. */
public enum StepState {
    PENDING,
    ENQUEUED,
    IN_PROGRESS,
    ENQUEUED_FOR_ORCHESTRATION,
    ENQUEUED_AS_ERROR_FOR_ORCHESTRATION,
    WAITING_FOR_RETRY,
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

    /** Whether dependents may run after a parent in this state. */
    public boolean satisfiesDependents() {
        return this == COMPLETE || this == RESOLVED_MANUALLY;
    }

    public static StepState fromDb(String name) {
        return Arrays.stream(values())
                .filter(s -> s.dbName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown step state '" + name + "'"));
    }
}
