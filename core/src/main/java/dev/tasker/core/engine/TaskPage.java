package dev.tasker.core.engine;

import java.util.List;

/**
 * One page of tasks, newest first, without their steps.
 *
 * @param totalCount tasks matching the filter on all pages
 */
public record TaskPage(List<TaskView> tasks, long totalCount, int page, int perPage) {

    public TaskPage {
        tasks = List.copyOf(tasks);
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
