package dev.tasker.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** One page of {@code GET /v1/tasks}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskPage(List<Task> tasks, Pagination pagination) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pagination(int page, int perPage, long totalCount, long totalPages, boolean hasNext, boolean hasPrevious) {
    }
}
