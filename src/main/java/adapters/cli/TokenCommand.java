package adapters.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

import core.access.EnrollmentTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover token create}: mints an enrollment token for an agent, signed with the gateway's relay secret. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Enrollment tokens for agents that dial in.", subcommands = TokenCommand.Create.class)
final class TokenCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("drover token: say what to do: drover token create [--ttl 1h] [--single-use] [--name NODE]");
        return 2;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Print a new enrollment token signed with discovery.relay.secret from config.yaml.")
    static final class Create implements Callable<Integer> {

        @Option(names = "--ttl", defaultValue = "1h", paramLabel = "DURATION", description = "how long the token is valid, e.g. 15m, 1h, 7d (default: ${DEFAULT-VALUE})")
        String ttl;

        @Option(names = "--single-use", description = "the token enrolls one connection; a replay is refused")
        boolean singleUse;

        @Option(names = "--name", paramLabel = "NODE", description = "only an agent with this node name may use it")
        String name;

        @Option(names = "--config", paramLabel = "FILE", description = "config.yaml holding discovery.relay.secret (default: $DROVER_CONFIG, else ./config.yaml)")
        Path config;

        @Override
        public Integer call() {
            Duration validity;
            try {
                validity = DurationConverter.parseDuration(ttl);
                if (validity == null || validity.isZero() || validity.isNegative()) {
                    throw new IllegalArgumentException("must be positive");
                }
            } catch (IllegalArgumentException e) {
                System.err.println("drover: --ttl '" + ttl + "': " + e.getMessage());
                return 2;
            }
            Path file = GatewayLauncher.configFile(config);
            if (file == null || !Files.isRegularFile(file)) {
                System.err.println("drover: no config.yaml with discovery.relay.secret (give --config FILE or set"
                        + " DROVER_CONFIG)");
                return 2;
            }
            Optional<String> secret;
            try {
                secret = secret(file);
            } catch (RuntimeException e) {
                System.err.println("drover: " + StartupFailure.describe(e));
                return 1;
            }
            if (secret.isEmpty() || secret.get().isBlank()) {
                String raw = rawSecret(file);
                System.err.println(raw != null && raw.contains("${")
                        ? "drover: invalid config: discovery.relay.secret = '" + raw + "': its environment variable"
                                + " is not set"
                        : "drover: discovery.relay.secret is not set in " + file);
                return 1;
            }
            try {
                EnrollmentTokens tokens = new EnrollmentTokens(secret.get(), Clock.systemUTC());
                System.out.println(tokens.issue(validity, name, singleUse));
            } catch (IllegalArgumentException e) {
                System.err.println("drover: invalid config: discovery.relay.secret: " + e.getMessage());
                return 1;
            }
            return 0;
        }

        private static Optional<String> secret(Path file) {
            return config(file).getOptionalValue("discovery.relay.secret", String.class);
        }

        private static String rawSecret(Path file) {
            return config(file).getConfigValue("discovery.relay.secret").getRawValue();
        }

        private static SmallRyeConfig config(Path file) {
            return new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                    .withSources(new YamlConfigSource(file.toUri().toString(), readFile(file), 255))
                    .build();
        }

        private static String readFile(Path file) {
            try {
                return Files.readString(file);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
