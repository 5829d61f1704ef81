package dev.tasker.bridge;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The host side of the preludes' logger: guest log lines go to the host log, tagged with task and step. */
final class GuestLog implements ProxyExecutable {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final Logger log;

    GuestLog(String language) {
        this.log = Logger.getLogger("tasker.handlers." + language);
    }

    /** Tags the lines a handler logs on this thread until {@link #clear()}. */
    static void enter(String handlerName, String taskUuid, String stepName) {
        CURRENT.set("[task " + taskUuid + " step " + stepName + " handler " + handlerName + "] ");
    }

    static void clear() {
        CURRENT.remove();
    }

    @Override
    public Object execute(Value... arguments) {
        String level = arguments.length > 0 ? arguments[0].asString() : "info";
        String message = arguments.length < 2 ? "" : arguments[1].isString() ? arguments[1].asString() : arguments[1].toString();
        String tag = CURRENT.get() == null ? "" : CURRENT.get();
        log.log(switch (level) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "debug" -> Level.FINE;
            default -> Level.INFO;
        }, () -> tag + message);
        return null;
    }
}
