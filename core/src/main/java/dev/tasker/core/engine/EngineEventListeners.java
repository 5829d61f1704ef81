package dev.tasker.core.engine;

import dev.tasker.core.state.TaskState;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Several {@link EngineEvents} as one: the engine's metrics, and whoever else listens (a benchmark, say). */
public final class EngineEventListeners implements EngineEvents {

    private final List<EngineEvents> listeners = new CopyOnWriteArrayList<>();

    public EngineEventListeners(EngineEvents first) {
        listeners.add(first);
    }

    public void add(EngineEvents listener) {
        listeners.add(listener);
    }

    @Override
    public void taskCreated(String namespace) {
        listeners.forEach(l -> l.taskCreated(namespace));
    }

    @Override
    public void stepFinished(StepFinished step) {
        listeners.forEach(l -> l.stepFinished(step));
    }

    @Override
    public void taskReached(String namespace, UUID taskUuid, TaskState state) {
        listeners.forEach(l -> l.taskReached(namespace, taskUuid, state));
    }
}
