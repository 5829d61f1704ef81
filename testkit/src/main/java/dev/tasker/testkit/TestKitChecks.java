package dev.tasker.testkit;

import dev.tasker.bridge.GuestRuntime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * What the test kit checks once per test JVM before its first engine or handler load: that JUnit is new enough,
 * and whether the guest languages will run on the JIT (saying how to get it when they will not).
 */
final class TestKitChecks {

    private static final Logger LOG = Logger.getLogger(TestKitChecks.class.getName());
    static final String NEEDED = "5.13";
    private static final int NEEDED_MAJOR = 5;
    private static final int NEEDED_MINOR = 13;
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private TestKitChecks() {
    }

    static void atStart() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        requireJUnit(org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        GuestRuntime runtime = GuestRuntime.detect();
        if (!runtime.isOptimizing()) {
            LOG.info("tasker-testkit: the guest languages run interpreted in this JVM (fine for tests; 9x to 150x slower "
                    + "on long handlers). For the Graal JIT run the tests with -XX:+UnlockExperimentalVMOptions "
                    + "-XX:+EnableJVMCI --upgrade-module-path=<the org.graalvm.compiler:compiler, truffle-compiler, "
                    + "sdk collections and word jars>; a project from `tasker init` does it with mvn test -Pjit");
        }
    }

    /** @param found the JUnit Jupiter version on the class path, or null when its jar does not say */
    static void requireJUnit(String found) {
        if (found == null || !isOlder(found, NEEDED_MAJOR)) {
            return;
        }
        throw new IllegalStateException("tasker-testkit needs JUnit " + NEEDED_MAJOR + "." + NEEDED_MINOR
                + " or newer, but this test run has JUnit " + found + ". Import dev.tasker:tasker-bom (type pom, scope "
                + "import) in <dependencyManagement>, which aligns JUnit, and drop the explicit JUnit version.");
    }

    /** @param neededMajor 5 for Jupiter, 1 for the platform: both need minor 13 */
    static boolean isOlder(String version, int neededMajor) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major < neededMajor || (major == neededMajor && minor < NEEDED_MINOR);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
