package dev.tasker.host.cli;

import dev.tasker.client.Step;
import dev.tasker.client.Task;

import java.util.HashMap;
import java.util.Map;

/** A task's DAG as a Mermaid flowchart: a node per step with its state (and attempts), an edge per dependency. */
final class MermaidGraph {

    private static final Map<String, String> STYLES = new java.util.TreeMap<>(Map.of(
            "complete", "fill:#d4edda,stroke:#28a745",
            "resolved_manually", "fill:#d4edda,stroke:#28a745,stroke-dasharray:4",
            "in_progress", "fill:#cce5ff,stroke:#007bff",
            "waiting_for_retry", "fill:#fff3cd,stroke:#ffc107",
            "error", "fill:#f8d7da,stroke:#dc3545",
            "cancelled", "fill:#e2e3e5,stroke:#6c757d",
            "pending", "fill:#ffffff,stroke:#6c757d"));

    private MermaidGraph() {
    }

    static String of(Task task) {
        StringBuilder out = new StringBuilder("---\ntitle: %s/%s@%s %s (%s)\n---\nflowchart TD\n".formatted(
                task.namespace(), task.name(), task.version(), task.taskUuid(), task.status()));
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < task.steps().size(); i++) {
            ids.put(task.steps().get(i).name(), "s" + i);
        }
        for (Step s : task.steps()) {
            String attempts = s.attempts() > 1 ? " · " + s.attempts() + "/" + s.maxAttempts() + " attempts" : "";
            out.append("    %s[\"%s<br/><small>%s%s</small>\"]:::%s\n".formatted(ids.get(s.name()), label(s.name()),
                    s.currentState(), attempts, styleOf(s.currentState())));
        }
        for (Step s : task.steps()) {
            for (String parent : s.parents()) {
                if (ids.containsKey(parent)) {
                    out.append("    %s --> %s\n".formatted(ids.get(parent), ids.get(s.name())));
                }
            }
        }
        STYLES.forEach((state, style) -> out.append("    classDef %s %s\n".formatted(state, style)));
        return out.toString().stripTrailing();
    }

    private static String styleOf(String state) {
        return STYLES.containsKey(state) ? state : "pending";
    }

    private static String label(String name) {
        return name.replace("\"", "#quot;");
    }
}
