package dev.tasker.host.api;

import dev.tasker.core.engine.TaskStore;
import dev.tasker.loader.LoadedHandlers;

/** What the API serves from, set once start-up has reached it (the web server starts first). */
public final class ApiState {

    private volatile TaskStore store;
    private volatile LoadedHandlers handlers;

    public void storeReady(TaskStore ready) {
        this.store = ready;
    }

    public void handlersLoaded(LoadedHandlers loaded) {
        this.handlers = loaded;
    }

    TaskStore store() {
        return store;
    }

    LoadedHandlers handlers() {
        return handlers;
    }
}
