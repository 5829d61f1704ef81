package dev.tasker.compat;

import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTestClient;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

final class Runs {

    private Runs() {
    }

    /** Runs a task to its end; a fresh "run" key in its context keeps equal inputs of several tests from being one task. */
    static Task run(TaskerTestClient tasker, String namespace, String name, Map<String, Object> context) {
        Map<String, Object> unique = new HashMap<>(context);
        unique.put("run", UUID.randomUUID().toString());
        return tasker.run(namespace, name, unique);
    }
}
