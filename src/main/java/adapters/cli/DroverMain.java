package adapters.cli;

import io.quarkus.runtime.annotations.QuarkusMain;

import picocli.CommandLine;

/** The {@code drover} executable: parses the command line before anything starts, then runs the chosen role. */
@QuarkusMain
public final class DroverMain {

    private DroverMain() {
    }

    public static void main(String... args) {
        CommandLine commandLine = new CommandLine(new DroverCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(commandLine.execute(args));
    }
}
