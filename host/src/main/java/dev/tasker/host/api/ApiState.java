package dev.tasker.host.api;

import dev.tasker.core.analytics.Analytics;
import dev.tasker.core.dlq.DeadLetterQueue;
import dev.tasker.core.dlq.StalenessThresholds;
import dev.tasker.core.engine.TaskQueries;
import dev.tasker.core.engine.TaskService;
import dev.tasker.core.engine.TaskStore;
import dev.tasker.loader.LoadedHandlers;

/** What the API serves from, set once start-up has reached it (the web server starts first). */
public final class ApiState {

    private volatile TaskStore store;
    private volatile TaskQueries queries;
    private volatile TaskService tasks;
    private volatile LoadedHandlers handlers;
    private volatile DeadLetterQueue deadLetters;
    private volatile Analytics analytics;
    private volatile StalenessThresholds staleness = StalenessThresholds.DEFAULT;

    /** The engine runs: the API can create, read and act on tasks. */
    public void engineReady(TaskStore readyStore, TaskQueries readyQueries, TaskService readyTasks) {
        this.store = readyStore;
        this.queries = readyQueries;
        this.tasks = readyTasks;
    }

    /** The dead-letter queue and the analytics can answer. */
    public void operationsReady(DeadLetterQueue queue, Analytics readyAnalytics, StalenessThresholds thresholds) {
        this.deadLetters = queue;
        this.analytics = readyAnalytics;
        this.staleness = thresholds;
    }

    DeadLetterQueue deadLetters() {
        return deadLetters;
    }

    Analytics analytics() {
        return analytics;
    }

    StalenessThresholds staleness() {
        return staleness;
    }

    public void handlersLoaded(LoadedHandlers loaded) {
        this.handlers = loaded;
    }

    TaskStore store() {
        return store;
    }

    TaskQueries queries() {
        return queries;
    }

    TaskService tasks() {
        return tasks;
    }

    LoadedHandlers handlers() {
        return handlers;
    }
}
