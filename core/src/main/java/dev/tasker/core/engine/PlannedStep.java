package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.template.StepTemplate;

import java.util.List;

/**
 * A step a decision or a batch creates while the task runs.
 *
 * @param name     its name in the task (a batch worker's is {@code {template}_001}, …)
 * @param template the template step it is made from
 * @param inputs   its step_inputs (a batch worker's cursor)
 * @param parents  the names of the steps it waits for; those that do not exist are left out (a deferred convergence)
 */
public record PlannedStep(String name, StepTemplate template, JsonNode inputs, List<String> parents) {

    public PlannedStep {
        parents = List.copyOf(parents);
    }
}
