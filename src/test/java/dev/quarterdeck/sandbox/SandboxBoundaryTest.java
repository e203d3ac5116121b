package dev.quarterdeck.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the sandbox may lean on, and that nothing drives it except through its admin API. */
class SandboxBoundaryTest {
    private static final JavaClasses MAIN = importMainClasses();

    /**
     * Only the main classes directory, and referenced classes known by name only: scanning and resolving
     * the whole classpath (fabric8 is large) costs seconds, and package rules need nothing more than names.
     */
    private static JavaClasses importMainClasses() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolving = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(mainClasses());
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolving);
        }
    }

    private static Path mainClasses() {
        try {
            return Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSandboxUsesOnlyPlansTheJdkAndJackson() {
        classes().that().resideInAPackage("dev.quarterdeck.sandbox..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.quarterdeck.sandbox..", "dev.quarterdeck.plan..",
                        "java..", "javax..", "jdk..", "com.sun.net.httpserver..", "com.fasterxml.jackson..", "")
                .because("the sandbox runs embedded in the console and standalone as `quarterdeck sandbox`: it must not"
                        + " pull in JavaFX, OkHttp or fabric8, nor reach into the console it demonstrates")
                .check(MAIN);
    }

}
