package dev.tasker.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The server refused a request: its HTTP status and the error's code, message and details. */
public final class TaskerApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient JsonNode details;

    public TaskerApiException(int status, String code, String message, JsonNode details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonNode details() {
        return details;
    }
}
