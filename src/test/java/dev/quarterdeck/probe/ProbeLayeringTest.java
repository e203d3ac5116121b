package dev.quarterdeck.probe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ProbeLayeringTest {
    private static final JavaClasses PROBE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.quarterdeck.probe");

    @Test
    void probesSeeOnlyPlansSessionsAndTheJdk() {
        classes().that().resideInAPackage("dev.quarterdeck.probe")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.quarterdeck.probe", "dev.quarterdeck.plan", "dev.quarterdeck.session", "java..",
                        "com.fasterxml.jackson..")
                .because("probe kinds, metric math and the scheduler run headless and are tested without HTTP"
                        + " libraries; OkHttp is reached only through the HttpTransport port (JSON answers are"
                        + " read with Jackson, which is data, not I/O)")
                .check(PROBE);
    }

}
