package dev.tasker.host.api;

import io.helidon.http.Status;

/** A request the API refuses: its status, code and a message that says what to fix. */
final class ApiException extends RuntimeException {

    private final Status status;
    private final String code;
    private final transient Object details;

    ApiException(Status status, String code, String message) {
        this(status, code, message, null);
    }

    ApiException(Status status, String code, String message, Object details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    Status status() {
        return status;
    }

    String code() {
        return code;
    }

    Object details() {
        return details;
    }

    static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST_400, "invalid_request", message);
    }
}
