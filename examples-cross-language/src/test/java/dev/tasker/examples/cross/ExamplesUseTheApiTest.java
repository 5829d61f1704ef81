package dev.tasker.examples.cross;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The examples' tests are what a user writes: the test kit, the client and core's API, nothing of the engine. */
@AnalyzeClasses(packages = "dev.tasker.examples")
class ExamplesUseTheApiTest {

    @ArchTest
    static final ArchRule useOnlyTheApi = noClasses().that().resideInAPackage("dev.tasker.examples..")
            .should().dependOnClassesThat(resideInAPackage("dev.tasker..")
                    .and(not(resideInAnyPackage("dev.tasker.examples..", "dev.tasker.testkit..", "dev.tasker.client..",
                            "dev.tasker.core.api.."))));
}
