package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class DroverMainTest {

    @Test
    void shouldBuildOnlyTheCommandNamedFirst() {
        // When: a gateway's start, which pays for every command model built
        CommandLine line = DroverMain.commandLine("serve", "--config", "config.yaml");

        // Then
        assertThat(line.getSubcommands()).containsOnlyKeys("serve");
        assertThat(line.parseArgs("serve", "--config", "x.yaml").subcommand().commandSpec().name())
                .isEqualTo("serve");
    }

    @Test
    void shouldBuildEveryCommandWhenNoneIsNamedFirstSoHelpAndSuggestionsSeeThemAll() {
        for (String[] args : new String[][]{{}, {"--help"}, {"--config", "x.yaml", "serve"}, {"serv"}}) {
            assertThat(DroverMain.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactly("serve", "demo", "sim", "token", "config", "agent", "models");
        }
    }

    @Test
    void shouldKeepCaseInsensitiveEnumValuesOnTheCommandThatWasBuilt() {
        assertThat(DroverMain.commandLine("sim").getSubcommands().get("sim").isCaseInsensitiveEnumValuesAllowed())
                .isTrue();
    }

    @Test
    void shouldReadAPlainServeWithoutPicocliExactlyAsPicocliDoes() {
        for (String[] args : new String[][]{{"serve"}, {"serve", "--config", "config.yaml"},
                {"serve", "--config=/etc/drover/config.yaml"}, {"serve", "--config", "a folder/with spaces.yaml"},
                {"serve", "--config", "x=y.yaml"}}) {
            // When
            Optional<ServeCommand> plain = ServeCommand.plain(args);

            // Then
            assertThat(plain).as(String.join(" ", args)).isPresent();
            assertThat(plain.get().config).as(String.join(" ", args)).isEqualTo(picocli(args));
        }
    }

    @Test
    void shouldLeaveEverythingElseToPicocli() {
        for (String[] args : new String[][]{{}, {"--config", "x.yaml"}, {"sim"}, {"serve", "--help"},
                {"serve", "-h"}, {"serve", "--config"}, {"serve", "--config="}, {"serve", "--config", ""},
                {"serve", "--config", "@args.txt"}, {"serve", "--config", "--help"}, {"serve", "--config", "-x"},
                {"serve", "--config", "a.yaml", "--config", "b.yaml"}, {"serve", "x.yaml"}, {"serve", "--conf", "x"},
                {"serve", "--config", "a\u0000b"}, {"SERVE", "--config", "x.yaml"}, {"serve", "--config", "x", "y"}}) {
            assertThat(ServeCommand.plain(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    private static Path picocli(String... args) {
        return ((ServeCommand) DroverMain.commandLine(args).parseArgs(args).subcommand().commandSpec().userObject())
                .config;
    }
}
