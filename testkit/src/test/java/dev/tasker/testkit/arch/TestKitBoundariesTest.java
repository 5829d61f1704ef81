package dev.tasker.testkit.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The test kit stands on the engine modules: the server it starts is found through core's EngineStarter. */
@AnalyzeClasses(packages = "dev.tasker.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class TestKitBoundariesTest {

    @ArchTest
    static final ArchRule usesNothingOfTheHost = noClasses().that().resideInAPackage("dev.tasker.testkit..")
            .should().dependOnClassesThat().resideInAPackage("dev.tasker.host..");

    @ArchTest
    static final ArchRule usesCoreOnlyThroughItsApi = noClasses().that().resideInAPackage("dev.tasker.testkit..")
            .should().dependOnClassesThat(resideInAPackage("dev.tasker.core..")
                    .and(not(resideInAnyPackage("dev.tasker.core.api..", "dev.tasker.core.spi..", "dev.tasker.core.json.."))))
            .because("a user's test sees the handler API, not the engine");
}
