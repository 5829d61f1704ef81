package dev.tasker.db.engine;

import dev.tasker.core.analytics.Bottlenecks;
import dev.tasker.core.analytics.PerformanceMetrics;
import dev.tasker.core.analytics.SlowStep;
import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.StepResult;
import dev.tasker.db.store.PgAnalytics;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Performance and bottlenecks read from what ran, over a window that an index serves on 100k old tasks. */
class AnalyticsTest {

    private static TestEngine engine;
    private static PgAnalytics analytics;

    @BeforeAll
    static void runSomeTasks() throws SQLException {
        engine = new TestEngine()
                .handler("Slow", ctx -> {
                    Thread.sleep(60);
                    return StepResult.success(1);
                })
                .handler("Quick", ctx -> StepResult.success(2))
                .handler("Picky", ctx -> {
                    if (ctx.getInput("bad").asBoolean()) {
                        throw new PermanentError("refused", "refused");
                    }
                    return StepResult.success(3);
                });
        engine.template("""
                name: report
                namespace_name: stats
                version: 1.0.0
                steps:
                  - { name: gather, handler: { callable: Slow } }
                  - { name: render, handler: { callable: Quick }, dependencies: [gather] }
                """);
        engine.template("""
                name: check
                namespace_name: stats
                version: 1.0.0
                steps:
                  - { name: inspect, handler: { callable: Picky } }
                """);
        List<UUID> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(engine.submit("stats", "report", "{\"i\": " + i + "}"));
        }
        for (int i = 0; i < 4; i++) {
            tasks.add(engine.submit("stats", "check", "{\"i\": " + i + ", \"bad\": " + (i == 0) + "}"));
        }
        tasks.forEach(engine::awaitEnd);
        try (Connection c = engine.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO tasks (task_uuid, template_uuid, namespace, name, version, identity_hash, current_state,
                                       created_at, updated_at, completed_at)
                    SELECT gen_random_uuid(), (SELECT template_uuid FROM task_templates LIMIT 1), 'old', 'old', '1.0.0',
                           'old-' || n, 'complete', now() - interval '30 days', now() - interval '30 days',
                           now() - interval '30 days'
                    FROM generate_series(1, 100000) n""");
            s.execute("ANALYZE tasks");
            s.execute("ANALYZE workflow_step_result_audit");
        }
        analytics = new PgAnalytics(engine.database().dataSource(), () -> 0.25);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void performanceCountsTheWindowsTasksAndAttempts() {
        PerformanceMetrics metrics = analytics.performance(24);

        assertThat(metrics.totalTasks()).isEqualTo(7);
        assertThat(metrics.completedTasks()).isEqualTo(6);
        assertThat(metrics.failedTasks()).isEqualTo(1);
        assertThat(metrics.activeTasks()).as("the blocked task is still active").isEqualTo(1);
        assertThat(metrics.completionRate()).isEqualTo(85.71);
        assertThat(metrics.errorRate()).isEqualTo(14.29);
        assertThat(metrics.systemHealthScore()).isEqualTo(0.857);
        assertThat(metrics.stepsPerHour()).as("10 attempts in 24 hours").isZero();
        assertThat(analytics.performance(1).stepsPerHour()).isEqualTo(10);
        assertThat(metrics.averageTaskDurationSeconds()).isGreaterThan(0.0);
        assertThat(metrics.averageStepDurationSeconds()).isGreaterThan(0.0);
        assertThat(metrics.analysisPeriodStart()).isBefore(metrics.calculatedAt());
    }

    @Test
    void bottlenecksNameTheSlowestStepAndTheStepThatFails() {
        Bottlenecks found = analytics.bottlenecks(24, 10, 1);

        SlowStep slowest = found.slowSteps().getFirst();
        assertThat(slowest.stepName()).isEqualTo("gather");
        assertThat(slowest.executionCount()).isEqualTo(3);
        assertThat(slowest.averageDurationSeconds()).isGreaterThanOrEqualTo(0.06);
        assertThat(found.slowSteps()).filteredOn(s -> s.stepName().equals("inspect")).singleElement()
                .satisfies(s -> {
                    assertThat(s.errorCount()).isEqualTo(1);
                    assertThat(s.errorRate()).isEqualTo(25.0);
                });
        assertThat(found.slowTasks().getFirst().taskName()).isEqualTo("report");
        assertThat(found.slowTasks().getFirst().averageStepCount()).isEqualTo(2.0);
        assertThat(found.resourceUtilization().databasePoolUtilization()).isEqualTo(0.25);
        assertThat(found.resourceUtilization().systemHealth())
                .containsEntry("complete_tasks", 6L).containsEntry("blocked_by_failures_tasks", 1L)
                .containsEntry("total_tasks", 7L).containsEntry("error_steps", 1L).containsEntry("total_steps", 10L);
        assertThat(found.recommendations())
                .anyMatch(r -> r.startsWith("step inspect of stats/check@1.0.0 failed 1 of 4 attempts"))
                .anyMatch(r -> r.startsWith("the slowest step is gather"))
                .anyMatch(r -> r.startsWith("1 task is blocked by failed steps"));
        assertThat(analytics.bottlenecks(24, 10, 4).slowSteps()).extracting(SlowStep::stepName).containsExactly("inspect");
    }

    @Test
    void theWindowIsReadThroughAnIndexNotAScanOfEveryTask() throws SQLException {
        try (Connection c = engine.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet plan = s.executeQuery("EXPLAIN SELECT count(*) FROM tasks WHERE created_at >= now() - interval '24 hours'")) {
            StringBuilder text = new StringBuilder();
            while (plan.next()) {
                text.append(plan.getString(1)).append('\n');
            }
            assertThat(text.toString()).doesNotContain("Seq Scan on tasks").contains("tasks_listing");
        }
    }
}
