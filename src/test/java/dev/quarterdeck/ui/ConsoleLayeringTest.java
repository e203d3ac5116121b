package dev.quarterdeck.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The console's own layering, as STYLE.md asks: view models without nodes, panels that do not lean on each other. */
class ConsoleLayeringTest {
    private static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.quarterdeck.ui");

    /** Everything a panel binds to: view models and the small models they hand out. */
    private static final String MODEL_CLASSES = "dev\\.quarterdeck\\.ui\\.(\\w+ViewModel|ChecklistRow|ChecklistPhase"
            + "|MetricChart|MetricTrace|TraceSegment|TracePoint|MetricThreshold|TimeTicks|TimelineEntry|Tone|FxBridge"
            + "|TaskExecutor|ConsoleContext|Age|Banner|WriteAccess|ReasonPrompt|ReleaseStep|ReleaseSteps|ReleasePosition"
            + "|ReleaseLines|GateCondition|FollowUpRow|SessionExport)(\\$.*)?";

    @Test
    void view_models_know_no_nodes() {
        noClasses().that().haveNameMatching(MODEL_CLASSES)
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("a view model must be testable without a stage, and a panel must be replaceable without"
                        + " touching what it shows")
                .check(UI);
    }

    @Test
    void view_models_do_not_style() {
        noClasses().that().haveNameMatching(MODEL_CLASSES)
                .should().dependOnClassesThat().resideInAPackage("atlantafx..")
                .because("view models say a Tone; how it looks is the panel's and the theme's business")
                .check(UI);
    }

    @Test
    void panels_do_not_import_each_other() {
        classes().that().haveSimpleNameEndingWith("Panel")
                .should(notDependOnAnotherPanel())
                .because("each panel stands alone with its view model; only the window puts them together")
                .check(UI);
    }

    private static ArchCondition<JavaClass> notDependOnAnotherPanel() {
        return new ArchCondition<>("not depend on another panel") {
            @Override
            public void check(JavaClass panel, ConditionEvents events) {
                for (Dependency dependency : panel.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String targetTop = target.getName().replaceAll("\\$.*", "");
                    if (target.getSimpleName().endsWith("Panel") && !targetTop.equals(panel.getName())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
