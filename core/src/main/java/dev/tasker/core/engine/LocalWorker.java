package dev.tasker.core.engine;

import java.util.List;
import java.util.function.Consumer;

/** The worker in the JVM that creates a task: it may take the task's first steps at creation, or is woken for them. */
public interface LocalWorker {

    /**
     * Permits for the first steps of a new task of {@code namespace} (their callables in template order), held until
     * {@link #created}.
     */
    RootClaim reserve(String namespace, List<String> readyCallables);

    /**
     * The task was written (or not: {@code claimed} empty and {@code readySteps} 0): runs the steps claimed with it,
     * gives back the permits of {@code reserved} they did not use, and looks for the ready steps left unclaimed.
     */
    void created(String namespace, int readySteps, RootClaim reserved, List<ClaimedStep> claimed);

    /** A worker that never claims at creation and is told the namespace of each new task. */
    static LocalWorker wakingOnly(Consumer<String> wake) {
        return new LocalWorker() {
            @Override
            public RootClaim reserve(String namespace, List<String> readyCallables) {
                return RootClaim.NONE;
            }

            @Override
            public void created(String namespace, int readySteps, RootClaim reserved, List<ClaimedStep> claimed) {
                if (readySteps > 0) {
                    wake.accept(namespace);
                }
            }
        };
    }
}
