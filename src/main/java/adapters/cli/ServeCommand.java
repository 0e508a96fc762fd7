package adapters.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover serve}: the gateway. */
@Command(name = ServeCommand.NAME, mixinStandardHelpOptions = true, description = "Run the gateway in front of the fleet described by config.yaml.")
final class ServeCommand implements Callable<Integer> {

    /** The command's name and its one option, as picocli reads them and as {@link #plain} does. */
    static final String NAME = "serve";
    static final String CONFIG = "--config";

    @Option(names = CONFIG, paramLabel = "FILE", description = "config.yaml to use (default: $DROVER_CONFIG, else ./config.yaml)")
    Path config;

    /**
     * {@code args} as this command when they are {@code serve}, {@code serve --config FILE} or
     * {@code serve --config=FILE}, read without picocli; empty for anything else, which picocli parses: help, another
     * option or argument, and a value picocli might read differently (an {@code @}argument file, a leading dash,
     * nothing, a path this system cannot name). Every gateway's start is one of these forms (the images, the
     * Kubernetes manifests, the quick start), and picocli costs it 0.1-0.2 s: its classes are Java 5 class files,
     * which neither JDK 17's class-data archive nor JDK 25's AOT cache can hold, so each start reads, verifies and
     * interprets them again (start to ready, JDK 25: 795 to 665 ms; docs/operations.md, "Memory and start-up").
     */
    static Optional<ServeCommand> plain(String... args) {
        if (args.length == 0 || args.length > 3 || !args[0].equals(NAME)) {
            return Optional.empty();
        }
        String value = null;
        if (args.length == 3 && args[1].equals(CONFIG)) {
            value = args[2];
        } else if (args.length == 2 && args[1].startsWith(CONFIG + "=")) {
            value = args[1].substring(CONFIG.length() + 1);
        } else if (args.length > 1) {
            return Optional.empty();
        }
        ServeCommand command = new ServeCommand();
        if (value != null) {
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return Optional.empty();
            }
            try {
                command.config = Path.of(value);
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.of(command);
    }

    @Override
    public Integer call() {
        return GatewayLauncher.serve(config);
    }
}
