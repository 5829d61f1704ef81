package dev.tasker.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestKitChecksTest {

    @Test
    void anOlderJUnitIsRefusedNamingTheVersionNeededAndTheFix() {
        assertThatThrownBy(() -> TestKitChecks.requireJUnit("5.11.4"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tasker-testkit needs JUnit 5.13 or newer, but this test run has JUnit 5.11.4. Import "
                        + "dev.tasker:tasker-bom (type pom, scope import) in <dependencyManagement>, which aligns JUnit, "
                        + "and drop the explicit JUnit version.");
    }

    @Test
    void theJUnitOfThisBuildAndNewerOnesPass() {
        assertThatCode(() -> TestKitChecks.requireJUnit(org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion()))
                .doesNotThrowAnyException();
        assertThatCode(() -> TestKitChecks.requireJUnit("6.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> TestKitChecks.requireJUnit(null)).doesNotThrowAnyException();
    }

    @Test
    void aLauncherSessionWithJUnitJarsOfTwoReleasesIsRefusedListingThem() {
        var mixed = new java.util.LinkedHashMap<String, String>();
        mixed.put("junit-jupiter-api", "5.13.4");
        mixed.put("junit-jupiter-engine", "5.11.4");
        mixed.put("junit-platform-engine", "1.11.4");
        mixed.put("junit-platform-launcher", "1.13.4");
        mixed.put("junit-platform-commons", "1.13.4");

        assertThatThrownBy(() -> JUnitAlignment.check(mixed))
                .hasMessageStartingWith("tasker-testkit needs JUnit 5.13 (platform 1.13) or newer, every JUnit jar of one "
                        + "release, but this test run has {junit-jupiter-api=5.13.4, junit-jupiter-engine=5.11.4, "
                        + "junit-platform-engine=1.11.4");
        assertThatCode(() -> JUnitAlignment.check(JUnitAlignment.found())).as("this build's own JUnit")
                .doesNotThrowAnyException();
    }
}
