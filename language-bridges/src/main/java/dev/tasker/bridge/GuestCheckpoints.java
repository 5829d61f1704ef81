package dev.tasker.bridge;

import dev.tasker.core.api.StepContext;
import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The host side of the preludes' {@code checkpoint_yield}: the checkpoint, as JSON text, is saved for the
 * step this thread is running.
 */
final class GuestCheckpoints implements ProxyExecutable {

    private static final ThreadLocal<StepContext> CURRENT = new ThreadLocal<>();

    static void enter(StepContext context) {
        CURRENT.set(context);
    }

    static void clear() {
        CURRENT.remove();
    }

    @Override
    public Object execute(Value... arguments) {
        StepContext context = CURRENT.get();
        if (context == null) {
            throw new IllegalStateException("checkpoint_yield was called outside a step");
        }
        context.saveCheckpoint(Json.read(arguments[0].asString()));
        return true;
    }
}
