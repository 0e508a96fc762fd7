package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
