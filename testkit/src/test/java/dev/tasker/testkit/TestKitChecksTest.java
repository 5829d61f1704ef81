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
}
