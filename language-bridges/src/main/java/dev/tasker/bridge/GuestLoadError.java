package dev.tasker.bridge;

/** A handler file that did not load, described by the guest as file:line: error: message (the line in the handler's own code). */
final class GuestLoadError extends RuntimeException {

    GuestLoadError(String description) {
        super(description);
    }
}
