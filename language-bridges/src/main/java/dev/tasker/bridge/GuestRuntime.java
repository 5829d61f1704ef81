package dev.tasker.bridge;

import org.graalvm.polyglot.Engine;

/**
 * Which Truffle runtime runs guest code in this JVM: the optimizing JIT (Graal compiler through
 * JVMCI, as the {@code ./tasker} launcher sets up) or the interpreter fallback (9× to 150× slower).
 *
 * @param implementationName what the polyglot engine reports
 */
public record GuestRuntime(String implementationName) {

    private static final String INTERPRETED = "Interpreted";

    public static GuestRuntime detect() {
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            return new GuestRuntime(engine.getImplementationName());
        }
    }

    public boolean isOptimizing() {
        return !INTERPRETED.equals(implementationName);
    }

    /** One line for the start-up log. */
    public String describe() {
        return isOptimizing()
                ? "Guest languages run on the optimizing JIT (" + implementationName + " compiler via JVMCI)"
                : "Guest languages run interpreted (TASKER_JIT=1 ./tasker serve runs them on the optimizing JIT)";
    }
}
