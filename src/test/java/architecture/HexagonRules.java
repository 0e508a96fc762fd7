package architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of the hexagon, stated once over a package root so that they can be checked against the
 * product ({@code ""}) and proven to fail against deliberately broken fixtures ({@code "archfixture."}).
 */
final class HexagonRules {

    private HexagonRules() {
    }

    /** The inside (core and ports) sees only itself and the JDK. */
    static ArchRule insideSeesOnlyItselfAndTheJdk(String root) {
        return noClasses().that().resideInAnyPackage(root + "core..", root + "ports..")
                .should().dependOnClassesThat().resideOutsideOfPackages(root + "core..", root + "ports..", "java..")
                .because("core and ports are plain Java 17: the world is reached only through ports.out");
    }

    /** Adapters do not reach into one another, except config (read by all) and wiring/cli (which assemble). */
    static List<ArchRule> adaptersStayApart(String root) {
        List<String> adapters = List.of("http", "engine", "balancer", "discovery", "node", "relay", "sim",
                "persistence",
                "metrics", "tracing");
        return adapters.stream().map(a -> (ArchRule) noClasses().that().resideInAPackage(root + "adapters." + a + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others(root, a, adapters))
                .allowEmptyShould(true)
                .because("adapters depend inward, not on each other")).toList();
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

    private static String[] others(String root, String self, List<String> adapters) {
        return adapters.stream().filter(a -> !a.equals(self)).map(a -> root + "adapters." + a + "..")
                .toArray(String[]::new);
    }
}
