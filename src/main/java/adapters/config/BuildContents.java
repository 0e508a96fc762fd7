package adapters.config;

import org.eclipse.microprofile.config.Config;

/**
 * Which build of Drover this is. The standard build (./mvnw package) is the gateway: every route, balancer, the relay,
 * metrics, logs, tracing, DNS discovery. The full build (./mvnw package -Dfull) adds the database stack (the request
 * log, the fleet's state in PostgreSQL) and the Kubernetes API client ({@code discovery.kubernetes.mode: api}), which
 * cost the standard build's start-up, memory and native size (docs/operations.md, "Two builds"). The one place that
 * says whether config.yaml asks for what this build left out: the launcher's check before start and every reload go
 * through {@link #check}; the adapters that would need the missing part throw the same errors (a gateway started
 * without the launcher's check, as the in-JVM tests are).
 */
public final class BuildContents {

    /** Set to {@code full} by the full build's own settings (src/full/resources/META-INF/microprofile-config.properties). */
    static final String KEY = "drover-internal.build";

    private BuildContents() {
    }

    /** Whether this is the full build. */
    public static boolean full(Config config) {
        return "full".equals(config.getOptionalValue(KEY, String.class).orElse(""));
    }

    /** Refuses, in the standard build, the first setting that needs the full build. */
    public static void check(Config config, DatabaseConfig database, DiscoveryConfig discovery) {
        if (full(config)) {
            return;
        }
        if (database.postgresql()) {
            throw noPostgresql();
        }
        if (database.requestLog().enabled()) {
            throw noRequestLog();
        }
        if (discovery.kubernetes().enabled() && discovery.kubernetes().mode() == DiscoveryConfig.KubernetesMode.API) {
            throw noKubernetesApi();
        }
    }

    /** {@code database.postgresql: true} in the standard build. */
    public static InvalidConfigException noPostgresql() {
        return leftOut("database.postgresql", true, "PostgreSQL");
    }

    /** {@code database.request_log.enabled: true} in the standard build. */
    public static InvalidConfigException noRequestLog() {
        return leftOut("database.request_log.enabled", true, "the request log's database");
    }

    /** {@code discovery.kubernetes.mode: api} in the standard build. */
    public static InvalidConfigException noKubernetesApi() {
        return leftOut("discovery.kubernetes.mode", "api", "the Kubernetes API client (mode: dns works in every"
                + " build)");
    }

    private static InvalidConfigException leftOut(String key, Object value, String what) {
        return new InvalidConfigException(key, value, "needs " + what + ", which this build of Drover leaves out;"
                + " run the full build: ./mvnw package -Dfull (DROVER_BUILD=full ./drover), or the image built with"
                + " --build-arg BUILD=full (docs/operations.md, \"Two builds\")");
    }
}
