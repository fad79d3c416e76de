package io.wirepunch.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine knows no window: the app's toolkits (JavaFX, AWT and Swing) stay on the app's side. */
class NoUiTypesTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.wirepunch.core");
    }

    @Test
    void theWholeEngineIsImported() {
        // a rule over an empty import would pass for nothing
        assertThat(core.size()).isGreaterThan(500);
        assertThat(core.contain("io.wirepunch.core.node.Node")).isTrue();
    }

    @Test
    void noCoreClassDependsOnJavaFx() {
        noClasses().that().resideInAPackage("io.wirepunch.core..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("core is a library the CLI and other processes use without a window")
                .check(core);
    }

    @Test
    void noCoreClassDependsOnAwtOrSwing() {
        noClasses().that().resideInAPackage("io.wirepunch.core..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .because("core is a library the CLI and other processes use without a window")
                .check(core);
    }
}
