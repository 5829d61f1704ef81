package dev.tasker.core.template;

import java.util.List;

/** A template that cannot be used, with every problem found (each naming file, template and step). */
public class InvalidTemplateException extends RuntimeException {

    private final List<String> problems;

    public InvalidTemplateException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
