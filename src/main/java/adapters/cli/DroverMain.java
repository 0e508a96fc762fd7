package adapters.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.QuarkusMain;

import picocli.CommandLine;

/** The {@code drover} executable: parses the command line before anything starts, then runs the chosen role. */
@QuarkusMain
public final class DroverMain {

    /** Every command by the name it is typed as, in the order {@code drover --help} lists them. */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private DroverMain() {
    }

    public static void main(String... args) {
        Optional<ServeCommand> serve = ServeCommand.plain(args);
        System.exit(serve.isPresent() ? serve(serve.get()) : commandLine(args).execute(args));
    }

    /** A gateway's start read without picocli ({@link ServeCommand#plain}), failing as picocli's execute does. */
    private static int serve(ServeCommand command) {
        try {
            return command.call();
        } catch (RuntimeException e) {
            e.printStackTrace();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /**
     * The command line for {@code args}. picocli builds a command's model by reflection over its class and those of
     * its subcommands, so only the command named first is built: the others cost a gateway's start about 0.1 s.
     * Without a command name first (help, options of {@code drover} itself, a mistyped name), all of them are, so that
     * help lists them and a typo gets its suggestion.
     */
    static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new DroverCommand());
        String first = args.length > 0 ? args[0] : "";
        COMMANDS.forEach((name, command) -> {
            if (!COMMANDS.containsKey(first) || name.equals(first)) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true); // after the subcommands: picocli copies it down then
        return commandLine;
    }

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put(ServeCommand.NAME, ServeCommand::new);
        commands.put("demo", DemoCommand::new);
        commands.put("sim", SimCommand::new);
        commands.put("token", TokenCommand::new);
        commands.put("config", ConfigCommand::new);
        commands.put("agent", AgentCommand::new);
        commands.put("models", ModelsCommand::new);
        return commands;
    }
}
