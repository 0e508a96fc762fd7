package adapters.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.smallrye.config.SmallRyeConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover config check}: validates config.yaml and prints what the gateway would use, starting nothing. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with config.yaml.", subcommands = {
        ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate config.yaml as the gateway"
            + " would and print the settings it sets (secrets hidden), without starting anything.")
    static final class Check implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "config.yaml to check (default: $DROVER_CONFIG,"
                + " else ./config.yaml)")
        Path config;

        @Override
        public Integer call() {
            Path file = GatewayLauncher.configFile(config);
            if (file != null && !Files.isRegularFile(file)) {
                System.err.println("drover: config file not found: " + file.toAbsolutePath());
                return 2;
            }
            SmallRyeConfig effective;
            try {
                effective = ConfigPreflight.load(file);
            } catch (RuntimeException e) {
                System.err.println("drover: " + StartupFailure.describe(e));
                return 1;
            }
            TreeMap<String, String> settings = new TreeMap<>();
            for (String name : effective.getPropertyNames()) {
                String block = name.split("[.\\[]", 2)[0];
                if (ConfigPreflight.BLOCKS.contains(block)) {
                    effective.getOptionalValue(name, String.class).ifPresent(value -> settings.put(name,
                            secret(name) ? "<hidden>" : value));
                }
            }
            System.out.println("# " + (file == null
                    ? "no config file: defaults, environment and system properties"
                    : file.toAbsolutePath()) + ": valid");
            settings.forEach((name, value) -> System.out.println(name + " = " + value));
            return 0;
        }

        /** Keys whose values are secrets; their names are printed, never their values. */
        private static boolean secret(String name) {
            String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return last.equals("key") || last.equals("key_sha256") || last.equals("token") || last.equals("secret")
                    || last.equals("password");
        }
    }
}
