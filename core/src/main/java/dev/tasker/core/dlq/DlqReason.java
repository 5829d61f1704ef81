package dev.tasker.core.dlq;

/** Why a task was entered: stored in snake_case as Tasker stores it, answered in Tasker's JSON form. */
public enum DlqReason {
    STALENESS_TIMEOUT("staleness_timeout", "StalenessTimeout", 100),
    MAX_RETRIES_EXCEEDED("max_retries_exceeded", "MaxRetriesExceeded", 500),
    DEPENDENCY_CYCLE_DETECTED("dependency_cycle_detected", "DependencyCycleDetected", 1000),
    WORKER_UNAVAILABLE("worker_unavailable", "WorkerUnavailable", 50),
    MANUAL_DLQ("manual_dlq", "ManualDlq", 10);

    private final String stored;
    private final String json;
    private final int weight;

    DlqReason(String stored, String json, int weight) {
        this.stored = stored;
        this.json = json;
        this.weight = weight;
    }

    public String stored() {
        return stored;
    }

    public String json() {
        return json;
    }

    /** Its base priority in the investigation queue. */
    public int weight() {
        return weight;
    }

    public static DlqReason fromStored(String text) {
        for (DlqReason r : values()) {
            if (r.stored.equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown DLQ reason '" + text + "'");
    }
}
