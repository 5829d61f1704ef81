package dev.tasker.host.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency directions of DESIGN §2: arrows point inward, to core. */
@AnalyzeClasses(packages = "dev.tasker", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final String CORE = "dev.tasker.core..";
    private static final String DB = "dev.tasker.db..";
    private static final String BRIDGE = "dev.tasker.bridge..";
    private static final String LOADER = "dev.tasker.loader..";
    private static final String HOST = "dev.tasker.host..";
    private static final String CLIENT = "dev.tasker.client..";

    @ArchTest
    static final ArchRule coreHasNoIoFrameworks = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.helidon..", "org.graalvm..",
                    "org.postgresql..", "com.zaxxer..", "org.flywaydb..", "java.net.http..")
            .because("core is the domain and the engine; db, language-bridges and host bring the I/O");

    @ArchTest
    static final ArchRule theApiStandsOnItsOwn = classes().that().resideInAPackage("dev.tasker.core.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.tasker.core.api..", "dev.tasker.core.json..",
                    "java..", "com.fasterxml.jackson..")
            .because("core.api is what a Java handler and an embedder see: it names nothing of the engine's internals");

    @ArchTest
    static final ArchRule coreDependsOnNoOtherModule = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(DB, BRIDGE, LOADER, HOST, CLIENT);

    @ArchTest
    static final ArchRule onlyTheBridgesTouchGraal = noClasses().that().resideOutsideOfPackage(BRIDGE)
            .should().dependOnClassesThat().resideInAPackage("org.graalvm..")
            .because("only language-bridges imports org.graalvm.polyglot");

    @ArchTest
    static final ArchRule onlyTheHostTouchesHelidon = noClasses().that().resideOutsideOfPackage(HOST)
            .should().dependOnClassesThat().resideInAPackage("io.helidon..");

    @ArchTest
    static final ArchRule dbDependsOnlyOnCore = noClasses().that().resideInAPackage(DB)
            .should().dependOnClassesThat().resideInAnyPackage(BRIDGE, LOADER, HOST, CLIENT);

    @ArchTest
    static final ArchRule bridgesDependOnlyOnCore = noClasses().that().resideInAPackage(BRIDGE)
            .should().dependOnClassesThat().resideInAnyPackage(DB, LOADER, HOST, CLIENT);

    @ArchTest
    static final ArchRule loadersDependOnlyOnCoreAndBridges = noClasses().that().resideInAPackage(LOADER)
            .should().dependOnClassesThat().resideInAnyPackage(DB, HOST, CLIENT);

    @ArchTest
    static final ArchRule nothingButTheHostUsesTheHost = noClasses().that().resideOutsideOfPackage(HOST)
            .should().dependOnClassesThat().resideInAPackage(HOST);

    @ArchTest
    static final ArchRule theClientStandsAlone = noClasses().that().resideInAPackage(CLIENT)
            .should().dependOnClassesThat().resideInAnyPackage(CORE, DB, BRIDGE, LOADER, HOST, "io.helidon..", "org.graalvm..")
            .because("the Java client is the JDK's HttpClient and Jackson, nothing else");
}
