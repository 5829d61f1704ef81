package dev.tasker.core.engine;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The attempts in flight on this worker, each holding a permit until it ends. */
final class RunningSteps {

    private final Map<UUID, RunningStep> running = new ConcurrentHashMap<>();
    private final Permits permits;
    private final ClaimLoop claims;

    RunningSteps(Permits permits, ClaimLoop claims) {
        this.permits = permits;
        this.claims = claims;
    }

    RunningStep add(ClaimedStep step, String group) {
        RunningStep r = new RunningStep(step);
        r.group = group;
        running.put(step.stepUuid(), r);
        return r;
    }

    /** A step that never started (the worker stopped): its permit goes back. */
    void abandon(RunningStep r) {
        running.remove(r.step.stepUuid());
        permits.give(1);
    }

    void ended(RunningStep r) {
        ended(r, true);
    }

    /** @param releasePermit false when the step's permit went to a child it released */
    void ended(RunningStep r, boolean releasePermit) {
        running.remove(r.step.stepUuid());
        if (releasePermit) {
            permits.give(1);
        }
        claims.stepEnded();
    }

    Collection<RunningStep> all() {
        return running.values();
    }

    int size() {
        return running.size();
    }

    boolean isEmpty() {
        return running.isEmpty();
    }
}
