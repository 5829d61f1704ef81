package dev.tasker.core.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * Where time and failures go (Tasker's BottleneckAnalysis): the slowest steps and templates, the pool's use and
 * task and step counts by state, and what to look at first.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Bottlenecks(List<SlowStep> slowSteps, List<SlowTask> slowTasks, ResourceUtilization resourceUtilization,
                          List<String> recommendations) {

    /** @param systemHealth Tasker's SystemHealthCounts: {@code pending_tasks} … {@code total_steps} */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ResourceUtilization(double databasePoolUtilization, Map<String, Long> systemHealth) {
    }
}
