package dev.tasker.core.dlq;

/** The form of a time Tasker's clients decode as chrono's NaiveDateTime: UTC, microseconds, no offset. */
public final class NaiveUtc {

    public static final String PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";

    private NaiveUtc() {
    }
}
