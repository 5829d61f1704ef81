package dev.tasker.host;

/** The version this build reports (CLI --version, /health info, /config). */
public final class TaskerVersion {

    public static final String VERSION = "0.1.0";

    private TaskerVersion() {
    }
}
