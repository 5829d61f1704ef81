package dev.tasker.core.dlq;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where an investigation stands: stored in snake_case, answered in Tasker's JSON form, read in either. */
public enum DlqResolutionStatus {
    PENDING("pending", "Pending"),
    MANUALLY_RESOLVED("manually_resolved", "ManuallyResolved"),
    PERMANENTLY_FAILED("permanently_failed", "PermanentlyFailed"),
    CANCELLED("cancelled", "Cancelled");

    private final String stored;
    private final String json;

    DlqResolutionStatus(String stored, String json) {
        this.stored = stored;
        this.json = json;
    }

    public String stored() {
        return stored;
    }

    public String json() {
        return json;
    }

    public static DlqResolutionStatus fromStored(String text) {
        return Arrays.stream(values()).filter(s -> s.stored.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown resolution status '" + text + "'"));
    }

    /** {@code ManuallyResolved} or {@code manually_resolved}; a clear refusal naming the choices otherwise. */
    public static DlqResolutionStatus parse(String text) {
        return Arrays.stream(values()).filter(s -> s.stored.equals(text) || s.json.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'resolution_status' must be one of "
                        + Arrays.stream(values()).map(DlqResolutionStatus::json).collect(Collectors.joining(", "))
                        + ", not '" + text + "'"));
    }
}
