package dev.tasker.core.engine;

import dev.tasker.core.state.TaskState;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One page of tasks, newest first, without their steps.
 *
 * @param totalCount  tasks matching the filter on all pages
 * @param stateCounts tasks in each state that match the filter but for its state (states with none left out)
 */
public record TaskPage(List<TaskView> tasks, long totalCount, int page, int perPage, Map<TaskState, Long> stateCounts) {

    public TaskPage {
        tasks = List.copyOf(tasks);
        stateCounts = stateCounts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(stateCounts));
    }

    public TaskPage(List<TaskView> tasks, long totalCount, int page, int perPage) {
        this(tasks, totalCount, page, perPage, Map.of());
    }

    public long totalPages() {
        return (totalCount + perPage - 1) / perPage;
    }

    public boolean hasNext() {
        return page < totalPages();
    }

    public boolean hasPrevious() {
        return page > 1;
    }
}
