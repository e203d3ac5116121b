package dev.quarterdeck.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of DESIGN.md, enforced. Each rule says why it exists. */
@AnalyzeClasses(packages = "dev.quarterdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "dev.quarterdeck.";

    @ArchTest
    static final ArchRule javafxOnlyInTheConsole = noClasses()
            .that().resideOutsideOfPackage(ROOT + "ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..")
            .because("the engine, probes and routers run headless (CLI, CI gates, tests); only the console "
                    + "may need a screen");

    @ArchTest
    static final ArchRule httpAndKubernetesLibrariesOnlyInAdapters = noClasses()
            .that().resideOutsideOfPackages("..adapter..", ROOT + "cli..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..", "io.fabric8..")
            .because("the engine must never see a fabric8 or OkHttp type: adapters sit behind ports so they can "
                    + "be swapped and the domain tested without them (cli, the composition root, builds the "
                    + "clients the adapters share)");

    @ArchTest
    static final ArchRule adaptersAreReachedOnlyThroughPorts = noClasses()
            .that().resideOutsideOfPackages("..adapter..", ROOT + "cli..")
            .should().dependOnClassesThat().resideInAPackage("..adapter..")
            .because("wiring happens in one place (cli, the composition root); everyone else talks to ports");

    @ArchTest
    static final ArchRule planDependsOnNothingOfOurs = noClasses()
            .that().resideInAPackage(ROOT + "plan..")
            .should().dependOnClassesThat().resideInAnyPackage(others("plan"))
            .because("a plan is data: it must load and validate without any runtime part");

    @ArchTest
    static final ArchRule sessionSeesOnlyPlans = noClasses()
            .that().resideInAPackage(ROOT + "session..")
            .should().dependOnClassesThat().resideInAnyPackage(others("session", "plan"))
            .because("session events and the journal are the record; they cannot depend on what produces them");

    @ArchTest
    static final ArchRule probesAndTrafficSeeOnlyPlansAndSessions = noClasses()
            .that().resideInAnyPackage(ROOT + "probe..", ROOT + "traffic..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + "rollout..", ROOT + "report..", ROOT + "sandbox..", ROOT + "ui..", ROOT + "cli..")
            .because("probes and routers are the engine's ports and adapters; they must not reach back up");

    @ArchTest
    static final ArchRule theEngineDoesNotKnowTheConsoleOrTheSandbox = noClasses()
            .that().resideInAPackage(ROOT + "rollout..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + "report..", ROOT + "sandbox..", ROOT + "ui..", ROOT + "cli..")
            .because("the engine runs the same for a real cluster and the sandbox, with or without a console");

    @ArchTest
    static final ArchRule reportsAreBuiltFromTheRecordAlone = noClasses()
            .that().resideInAPackage(ROOT + "report..")
            .should().dependOnClassesThat().resideInAnyPackage(others("report", "plan", "session"))
            .because("a report must be rebuildable from the journal, after the fact, on another machine");

    @ArchTest
    static final ArchRule theSandboxIsAnEnvironmentNotAPartOfTheConsole = noClasses()
            .that().resideInAPackage(ROOT + "sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage(others("sandbox", "plan"))
            .because("the sandbox stands in for a real environment; Quarterdeck must drive it the way it "
                    + "drives any other");

    @ArchTest
    static final ArchRule theConsoleDoesNotWire = noClasses()
            .that().resideInAPackage(ROOT + "ui..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "cli..")
            .because("wiring lives in the composition root; views receive the ports they need");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.quarterdeck.(*)..")
            .should().beFreeOfCycles()
            .because("a cycle makes two packages one package that is harder to read, test and change");

    @ArchTest
    static final ArchRule noStaticMutableState = fields()
            .that().areStatic()
            .should().beFinal()
            .because("static mutable state (a static injector, a global cache) couples every test to every "
                    + "other; wiring is by constructor");

    private static String[] others(String... allowed) {
        java.util.List<String> all = java.util.List.of(
                "plan", "session", "probe", "traffic", "rollout", "report", "sandbox", "ui", "cli");
        return all.stream()
                .filter(p -> !java.util.List.of(allowed).contains(p))
                .map(p -> ROOT + p + "..")
                .toArray(String[]::new);
    }
}
