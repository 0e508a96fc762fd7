package adapters.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover}: without a subcommand it is {@code drover serve}. Its subcommands: {@link DroverMain#COMMANDS}. */
@Command(name = "drover", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "An Ollama-compatible gateway for fleets of local LLM servers.", footer = {
        "", "Without a command, drover runs 'serve'."})
final class DroverCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "config.yaml to use (default: $DROVER_CONFIG, else ./config.yaml)")
    Path config;

    @Override
    public Integer call() {
        return GatewayLauncher.serve(config);
    }
}
