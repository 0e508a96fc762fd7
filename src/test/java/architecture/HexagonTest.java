package architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

class HexagonTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("core", "ports", "adapters");

    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages("archfixture");

    @Test
    void shouldKeepTheProductInsideTheHexagonRules() {
        // When / Then
        for (ArchRule rule : rules("")) {
            rule.check(PRODUCT);
        }
    }

    @Test
    void shouldCatchEveryKindOfViolation() {
        // Given: archfixture holds one deliberate violation of each rule

        // When / Then
        for (ArchRule rule : withViolations()) {
            assertThatThrownBy(() -> rule.check(BROKEN)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void shouldSayInEveryPackageWhatItIsFor() throws java.io.IOException {
        // Given: every package of the product
        try (var dirs = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            List<String> silent = dirs.filter(java.nio.file.Files::isDirectory).filter(HexagonTest::holdsClasses)
                    .filter(dir -> !java.nio.file.Files.exists(dir.resolve("package-info.java")))
                    .map(java.nio.file.Path::toString).toList();

            // Then: each has a package-info saying what the room is for and what it may touch
            org.assertj.core.api.Assertions.assertThat(silent).as("packages without package-info.java").isEmpty();
        }
    }

    private static boolean holdsClasses(java.nio.file.Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<ArchRule> rules(String root) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(HexagonRules.insideSeesOnlyItselfAndTheJdk(root));
        rules.add(HexagonRules.adaptersStayApart(root));
        rules.add(HexagonRules.noFieldInjection(root));
        rules.add(HexagonRules.coreReadsTimeThroughItsTicker(root));
        rules.addAll(HexagonRules.frameworksStayInTheirAdapters(root));
        return rules;
    }

    /**
     * The rules the fixtures break: the inside rule, http reaching into engine, field injection, the core reading the
     * machine's clock, every framework rule.
     */
    private static List<ArchRule> withViolations() {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(HexagonRules.insideSeesOnlyItselfAndTheJdk("archfixture."));
        rules.add(HexagonRules.adaptersStayApart("archfixture."));
        rules.add(HexagonRules.noFieldInjection("archfixture."));
        rules.add(HexagonRules.coreReadsTimeThroughItsTicker("archfixture."));
        rules.addAll(HexagonRules.frameworksStayInTheirAdapters("archfixture."));
        return rules;
    }
}
