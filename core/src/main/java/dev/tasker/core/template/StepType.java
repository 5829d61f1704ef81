package dev.tasker.core.template;

import java.util.Arrays;
import java.util.Optional;

public enum StepType {
    STANDARD, DECISION, DEFERRED_CONVERGENCE, BATCHABLE, BATCH_WORKER;

    private final String yamlName = name().toLowerCase();

    public String yamlName() {
        return yamlName;
    }

    public static Optional<StepType> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }
}
