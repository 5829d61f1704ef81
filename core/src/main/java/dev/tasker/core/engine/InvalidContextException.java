package dev.tasker.core.engine;

import java.util.List;

/** A task context that its template's input_schema refuses; one line per violation, each naming the field. */
public class InvalidContextException extends RuntimeException {

    private final List<String> violations;

    public InvalidContextException(String template, List<String> violations) {
        super("the context does not match the input_schema of " + template + ": " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
