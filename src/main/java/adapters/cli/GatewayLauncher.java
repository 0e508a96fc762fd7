package adapters.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.runtime.Quarkus;
import io.smallrye.config.SmallRyeConfig;

/**
 * Starts the gateway (Quarkus) with config.yaml resolved as the contract says: {@code --config}, else
 * {@code $DROVER_CONFIG}, else {@code ./config.yaml}. A startup failure is reported as one line naming the cause.
 */
final class GatewayLauncher {

    private GatewayLauncher() {
    }

    /**
     * The config file a command uses: {@code --config}, else {@code $DROVER_CONFIG} (either returned even when it does
     * not exist, for the caller to report), else {@code ./config.yaml} when present, else null.
     */
    static Path configFile(Path option) {
        String env = System.getenv("DROVER_CONFIG");
        Path named = option != null ? option : env != null && !env.isBlank() ? Path.of(env) : null;
        if (named != null) {
            return named;
        }
        Path local = Path.of("config.yaml");
        return Files.isRegularFile(local) ? local : null;
    }

    static int serve(Path option) {
        Path config = configFile(option);
        if (config != null && !Files.isRegularFile(config)) {
            System.err.println("drover: config file not found: " + config.toAbsolutePath());
            return 2;
        }
        if (config == null) {
            System.err.println("drover: no config.yaml here and none given (--config or DROVER_CONFIG);"
                    + " starting with an empty fleet");
        }
        return run(config, Map.of());
    }

    static int run(Path config, Map<String, String> properties) {
        quietLibraries();
        properties.forEach(System::setProperty);
        SmallRyeConfig effective;
        try {
            effective = ConfigPreflight.load(config);
        } catch (RuntimeException e) {
            System.err.println("drover: " + StartupFailure.describe(e));
            return 1;
        }
        if (config != null) {
            System.setProperty("quarkus.config.locations", config.toAbsolutePath().toUri().toString());
            // read again on change, SIGHUP and POST /admin/reload
            System.setProperty("drover.config.file", config.toAbsolutePath().toString());
        }
        if (System.getProperty("quarkus.shutdown.timeout") == null) {
            // Quarkus stops waiting for requests after this; the drain (GatewayApp) must end them before.
            System.setProperty("quarkus.shutdown.timeout", ConfigPreflight.shutdownTimeout(effective).toMillis()
                    + "ms");
        }
        int[] exit = {0};
        Quarkus.run(GatewayApp.class, (code, failure) -> {
            exit[0] = code;
            if (failure != null) {
                System.err.println("drover: " + StartupFailure.describe(failure, ports(effective)));
                exit[0] = code == 0 ? 1 : code;
            }
        });
        return exit[0];
    }

    /** The port(s) the gateway listens on: server.port, and server.tls.port when a certificate is configured. */
    private static String ports(SmallRyeConfig config) {
        String port = config.getOptionalValue("quarkus.http.port", String.class).orElse("11435");
        boolean tls = !config.getOptionalValue("quarkus.http.ssl.certificate.files", String.class).orElse("").isBlank();
        return tls
                ? port + " or " + config.getOptionalValue("quarkus.http.ssl-port", String.class).orElse("11443")
                : port;
    }

    /**
     * Hibernate logs its version and database info at INFO while the application is built, before config.yaml is
     * read; when start-up then fails, those early lines would be dumped in front of Drover's one-line error. They are
     * held back at WARNING from the first moment (only once the JBoss log manager is in place, never installing the
     * JDK's own).
     */
    private static void quietLibraries() {
        if ("org.jboss.logmanager.LogManager".equals(System.getProperty("java.util.logging.manager"))) {
            QUIET.add(java.util.logging.Logger.getLogger("org.hibernate"));
            QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        }
    }

    /** Held so that the levels set on them are not lost when the logging framework drops unused loggers. */
    private static final java.util.List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();
}
