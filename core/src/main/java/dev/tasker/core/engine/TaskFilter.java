package dev.tasker.core.engine;

import dev.tasker.core.state.TaskState;

/**
 * Which tasks to list.
 *
 * @param namespace null: every namespace
 * @param state     null: every state
 * @param page      1-based
 * @param initiator     null: any
 * @param sourceSystem  null: any
 * @param name          the template's name; null: any
 */
public record TaskFilter(String namespace, TaskState state, int page, int perPage, String initiator, String sourceSystem,
                         String name) {

    public TaskFilter(String namespace, TaskState state, int page, int perPage) {
        this(namespace, state, page, perPage, null, null, null);
    }

    public TaskFilter(String namespace, TaskState state, int page, int perPage, String initiator, String sourceSystem) {
        this(namespace, state, page, perPage, initiator, sourceSystem, null);
    }

    public static final int MAX_PER_PAGE = 100;

    public TaskFilter {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, not " + page);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("per_page must be between 1 and " + MAX_PER_PAGE + ", not " + perPage);
        }
    }
}
