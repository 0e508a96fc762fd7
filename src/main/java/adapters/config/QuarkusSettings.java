package adapters.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Derives the Quarkus settings that depend on whether a config.yaml key is there at all, which a property expression
 * cannot say: with {@code server.tls} set, HTTPS is served on {@code server.port} and plain HTTP is off; with
 * {@code security.cors.allowed_origins} set, Quarkus' CORS filter is on for those origins. A Quarkus property set
 * explicitly wins. Plain values (limits, host, port) are mapped in application.properties.
 */
public final class QuarkusSettings implements ConfigSourceInterceptor {

    private static final String CERT = "server.tls.cert_file";
    private static final String ORIGINS = "security.cors.allowed_origins";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue explicit = context.proceed(name);
        if (explicit != null || !name.startsWith("quarkus.http.")) {
            return explicit;
        }
        String derived = switch (name) {
            case "quarkus.http.insecure-requests" -> present(context, CERT) ? "disabled" : null;
            case "quarkus.http.ssl-port" -> present(context, CERT) ? value(context, "server.port", "11435") : null;
            case "quarkus.http.ssl.certificate.files" -> value(context, CERT, null);
            case "quarkus.http.ssl.certificate.key-files" -> value(context, "server.tls.key_file", null);
            case "quarkus.http.cors.enabled" -> present(context, ORIGINS) ? "true" : null;
            case "quarkus.http.cors.origins" -> value(context, ORIGINS, null);
            default -> null;
        };
        return derived == null ? null : ConfigValue.builder().withName(name).withValue(derived).build();
    }

    private static boolean present(ConfigSourceInterceptorContext context, String key) {
        return value(context, key, null) != null;
    }

    private static String value(ConfigSourceInterceptorContext context, String key, String fallback) {
        ConfigValue value = context.proceed(key);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }
}
