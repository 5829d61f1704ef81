package dev.tasker.core.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of DESIGN §4 that span steps: names, dependencies, cycles, versions, step types, callables. */
final class TemplateValidator {

    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");

    private final String where;
    private final CallableCheck callables;

    TemplateValidator(String where, CallableCheck callables) {
        this.where = where;
        this.callables = callables;
    }

    List<String> validate(TaskTemplate template) {
        List<String> problems = new ArrayList<>();
        if (template.version() == null || !SEMVER.matcher(template.version()).matches()) {
            problems.add(where + ": version '" + template.version() + "' is not semantic (MAJOR.MINOR.PATCH, e.g. 1.0.0)");
        }
        Map<String, StepTemplate> byName = new LinkedHashMap<>();
        for (StepTemplate step : template.steps()) {
            if (byName.putIfAbsent(step.name(), step) != null) {
                problems.add(where + ", step '" + step.name() + "': duplicate step name");
            }
        }
        for (StepTemplate step : template.steps()) {
            String at = where + ", step '" + step.name() + "'";
            for (String dep : step.dependencies()) {
                if (!byName.containsKey(dep)) {
                    problems.add(at + ": depends on unknown step '" + dep + "'");
                } else if (dep.equals(step.name())) {
                    problems.add(at + ": depends on itself");
                }
            }
            if (step.type() == StepType.DECISION && step.dependencies().isEmpty()) {
                problems.add(at + ": a decision step needs dependencies (it decides on the results of earlier steps)");
            }
            if (!step.callable().isEmpty()) {
                callables.problem(step.callable()).ifPresent(p -> problems.add(at + ": handler callable '" + step.callable() + "' " + p));
            }
        }
        findCycle(byName).ifPresent(cycle -> problems.add(where + ": dependency cycle " + String.join(" -> ", cycle) + " (each step depends on the next)"));
        return problems;
    }

    /** A cycle as the path of step names that closes it, e.g. [a, b, c, a]. */
    private static java.util.Optional<List<String>> findCycle(Map<String, StepTemplate> steps) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : steps.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, steps, state, path, new HashSet<>());
            if (cycle != null) {
                return java.util.Optional.of(cycle);
            }
        }
        return java.util.Optional.empty();
    }

    private static List<String> visit(String name, Map<String, StepTemplate> steps, Map<String, Integer> state,
                                      List<String> path, Set<String> onPath) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return null;
        }
        if (onPath.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        StepTemplate step = steps.get(name);
        if (step == null) {
            return null;
        }
        path.add(name);
        onPath.add(name);
        for (String dep : step.dependencies()) {
            if (!dep.equals(name)) {
                List<String> cycle = visit(dep, steps, state, path, onPath);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.removeLast();
        onPath.remove(name);
        state.put(name, 2);
        return null;
    }
}
