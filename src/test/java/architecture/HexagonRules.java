package architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of the hexagon, stated once over a package root so that they can be checked against the
 * product ({@code ""}) and proven to fail against deliberately broken fixtures ({@code "archfixture."}).
 */
final class HexagonRules {

    private HexagonRules() {
    }

    /** The inside (core and ports) sees only itself and the JDK (javax.crypto: the HMAC of enrollment tokens). */
    static ArchRule insideSeesOnlyItselfAndTheJdk(String root) {
        return noClasses().that().resideInAnyPackage(root + "core..", root + "ports..")
                .should().dependOnClassesThat().resideOutsideOfPackages(root + "core..", root + "ports..", "java..",
                        "javax.crypto..")
                .because("core and ports are plain Java 17: the world is reached only through ports.out");
    }

    /**
     * Adapters do not reach into one another, except config (read by all) and wiring/cli (which assemble). Stated over
     * slices, so an adapter added later is covered without editing the rule.
     */
    static ArchRule adaptersStayApart(String root) {
        return slices().matching(root + "adapters.(*)..").should().notDependOnEachOther()
                .ignoreDependency(resideInAnyPackage(root + "adapters.wiring..", root + "adapters.cli.."),
                        DescribedPredicate.alwaysTrue())
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAnyPackage(root + "adapters.config.."))
                .because("adapters depend inward, not on each other");
    }

    /**
     * The core reads time only through its injected {@code Ticker}, so that deadlines and expiries can be moved by
     * hand in a test; only the Ticker itself may ask the machine.
     */
    static ArchRule coreReadsTimeThroughItsTicker(String root) {
        return noClasses().that().resideInAnyPackage(root + "core..").and()
                .doNotHaveFullyQualifiedName(root + "core.Ticker").and()
                .doNotHaveFullyQualifiedName(root + "core.Ticker$1")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .because("one clock in the core: the injected core.Ticker");
    }

    /** Dependencies arrive through constructors, so a class says what it needs and can be built in a test. */
    static ArchRule noFieldInjection(String root) {
        return noFields().that().areDeclaredInClassesThat().resideInAnyPackage(root + "core..", root + "ports..",
                root + "adapters..").should().beAnnotatedWith("jakarta.inject.Inject")
                .because("constructor injection, never field injection");
    }

    /** Persistence, metrics and tracing libraries stay inside their own adapters. */
    static List<ArchRule> frameworksStayInTheirAdapters(String root) {
        return List.of(
                noClasses().that().resideOutsideOfPackage(root + "adapters.persistence..")
                        .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
                        .because("JPA types live only in adapters.persistence"),
                noClasses().that().resideOutsideOfPackage(root + "adapters.metrics..")
                        .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
                        .because("Micrometer lives only in adapters.metrics"),
                noClasses().that().resideOutsideOfPackage(root + "adapters.tracing..")
                        .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
                        .because("OpenTelemetry lives only in adapters.tracing"));
    }

}
