package adapters.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover serve}: the gateway. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway in front of the fleet described by config.yaml.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "config.yaml to use (default: $DROVER_CONFIG, else ./config.yaml)")
    Path config;

    @Override
    public Integer call() {
        return GatewayLauncher.serve(config);
    }
}
