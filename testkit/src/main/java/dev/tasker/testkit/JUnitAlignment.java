package dev.tasker.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checked as the JUnit launcher opens its session, before any engine runs: a JUnit older than the test kit needs,
 * or platform jars of different versions (a junit-jupiter version declared beside the test kit without the BOM),
 * would otherwise fail later with a NoSuchMethodError that names neither.
 */
public final class JUnitAlignment implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        check(found());
    }

    /** The versions on the class path, by jar; null where a jar does not say. */
    static Map<String, String> found() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("junit-jupiter-api", version("org.junit.jupiter.api.Test"));
        versions.put("junit-jupiter-engine", version("org.junit.jupiter.engine.JupiterTestEngine"));
        versions.put("junit-platform-engine", version("org.junit.platform.engine.TestEngine"));
        versions.put("junit-platform-launcher", version("org.junit.platform.launcher.Launcher"));
        versions.put("junit-platform-commons", version("org.junit.platform.commons.util.ReflectionUtils"));
        return versions;
    }

    static void check(Map<String, String> versions) {
        String jupiter = versions.get("junit-jupiter-api");
        String jupiterEngine = versions.get("junit-jupiter-engine");
        String platform = versions.get("junit-platform-engine");
        boolean platformsDiffer = versions.entrySet().stream().filter(e -> e.getKey().startsWith("junit-platform"))
                .map(Map.Entry::getValue).filter(v -> v != null).distinct().count() > 1;
        boolean jupitersDiffer = jupiter != null && jupiterEngine != null && !jupiter.equals(jupiterEngine);
        if (platformsDiffer || jupitersDiffer || isOlder(jupiter, 5) || isOlder(platform, 1)) {
            throw new IllegalStateException("tasker-testkit needs JUnit " + TestKitChecks.NEEDED + " (platform 1.13) or "
                    + "newer, every JUnit jar of one release, but this test run has " + versions + ". Import "
                    + "dev.tasker:tasker-bom (type pom, scope import) in <dependencyManagement>, which aligns JUnit, and "
                    + "drop the explicit JUnit versions.");
        }
    }

    private static boolean isOlder(String version, int major) {
        return version != null && TestKitChecks.isOlder(version, major);
    }

    private static String version(String className) {
        try {
            Package p = Class.forName(className, false, JUnitAlignment.class.getClassLoader()).getPackage();
            return p == null ? null : p.getImplementationVersion();
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
