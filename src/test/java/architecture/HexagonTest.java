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

    private static List<ArchRule> rules(String root) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(HexagonRules.insideSeesOnlyItselfAndTheJdk(root));
        rules.addAll(HexagonRules.adaptersStayApart(root));
        rules.addAll(HexagonRules.frameworksStayInTheirAdapters(root));
        return rules;
    }

    /** The rules the fixtures break: the inside rule, http reaching into engine, and every framework rule. */
    private static List<ArchRule> withViolations() {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(HexagonRules.insideSeesOnlyItselfAndTheJdk("archfixture."));
        rules.add(HexagonRules.adaptersStayApart("archfixture.").get(0));
        rules.addAll(HexagonRules.frameworksStayInTheirAdapters("archfixture."));
        return rules;
    }
}
