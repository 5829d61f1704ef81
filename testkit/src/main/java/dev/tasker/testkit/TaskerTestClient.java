package dev.tasker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.client.NewTask;
import dev.tasker.client.Task;
import dev.tasker.client.TaskerClient;
import dev.tasker.core.json.Json;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/**
 * The test's handle on its {@link TaskerTest} engine: submit a task, wait for its end, read its steps. Contexts are
 * anything Jackson turns into a JSON object (a {@code Map}, a record) or JSON text.
 */
public final class TaskerTestClient {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final TaskerClient api;
    private final URI url;

    TaskerTestClient(URI url) {
        this.url = url;
        this.api = new TaskerClient(url, null);
    }

    /** The engine's REST API, for everything else (cancel, step actions, templates). */
    public TaskerClient api() {
        return api;
    }

    /** Where the engine's REST API answers, e.g. {@code http://127.0.0.1:43117}. */
    public URI url() {
        return url;
    }

    /** Creates a task of the newest version of a template. */
    public UUID submit(String namespace, String name, Object context) {
        return api.createTask(NewTask.of(namespace, name, contextOf(context))).taskUuid();
    }

    /** Creates a task and waits (up to a minute) until it has ended: complete, error, cancelled or blocked. */
    public Task run(String namespace, String name, Object context) {
        return awaitEnd(submit(namespace, name, context));
    }

    public Task awaitEnd(UUID taskUuid) {
        return awaitEnd(taskUuid, DEFAULT_WAIT);
    }

    /**
     * The task with its steps once it has ended.
     *
     * @throws AssertionError if it has not ended within {@code atMost}, showing where each step is
     */
    public Task awaitEnd(UUID taskUuid, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long pause = 5;
        while (true) {
            Task task = api.task(taskUuid);
            if (task.hasEnded()) {
                return task;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder steps = new StringBuilder();
                task.steps().forEach(s -> steps.append("\n  ").append(s.name()).append(": ").append(s.currentState())
                        .append(", ").append(s.attempts()).append(" attempts").append(s.error() == null || s.error().isNull()
                                ? "" : ", error " + s.error()));
                throw new AssertionError("task " + taskUuid + " (" + task.namespace() + "/" + task.name() + ") is still "
                        + task.status() + " after " + atMost.toSeconds() + " s:" + steps);
            }
            sleep(pause);
            pause = Math.min(pause * 2, 50);
        }
    }

    public Task task(UUID taskUuid) {
        return api.task(taskUuid);
    }

    private static JsonNode contextOf(Object context) {
        JsonNode node = context == null ? Json.read("{}") : context instanceof CharSequence text ? Json.read(text.toString())
                : Json.toTree(context);
        if (!node.isObject()) {
            throw new IllegalArgumentException("a task's context must be a JSON object, not " + node);
        }
        return node;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a task", e);
        }
    }
}
