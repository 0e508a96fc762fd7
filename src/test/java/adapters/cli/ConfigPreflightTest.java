package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import adapters.config.DiscoveryConfig;
import adapters.config.InvalidConfigException;
import adapters.config.LogConfig;
import testsupport.HiddenProperties;

@ExtendWith(HiddenProperties.class)
class ConfigPreflightTest {

    @TempDir
    Path folder;

    @Test
    void shouldNameAKeyThatIsNoSetting() throws IOException {
        // Given: a typo in a block of Drover's
        Path file = write("server:\n  prot: 11999\n");

        // When / Then
        assertThatThrownBy(() -> ConfigPreflight.load(file)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid config: server.prot = '11999': is not a Drover setting (a typo? every key is in"
                        + " docs/configuration.md)");
    }

    @Test
    @EnabledIf("testsupport.Builds#standard")
    void shouldRefuseInTheStandardBuildEachSettingThatNeedsTheFullBuild() throws IOException {
        // Given: the three settings that need the database stack or the Kubernetes API client
        for (String[] setting : new String[][]{
                {"database:\n  request_log:\n    enabled: true\n  path: ./data\n",
                        "database.request_log.enabled = 'true'"},
                {"database:\n  postgresql: true\n", "database.postgresql = 'true'"},
                {"discovery:\n  kubernetes:\n    enabled: true\n    service: ollama\n",
                        "discovery.kubernetes.mode = 'api'"}}) {
            Path file = setting[0].startsWith("database") ? writeAlone(setting[0]) : write(setting[0]);

            // When / Then: one line naming the key and how to get the build that has it
            assertThatThrownBy(() -> ConfigPreflight.load(file)).isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("invalid config: " + setting[1] + ": needs ")
                    .hasMessageContaining("which this build of Drover leaves out; run the full build: ./mvnw package"
                            + " -Dfull (DROVER_BUILD=full ./drover)");
        }
        // and DNS discovery, which needs no client, is in every build
        assertThat(ConfigPreflight.load(write("discovery:\n  kubernetes:\n    enabled: true\n    mode: dns\n"
                + "    dns_name: ollama.default.svc.cluster.local\n"))).isNotNull();
    }

    @Test
    @EnabledIf("testsupport.Builds#full")
    void shouldTakeTheRequestLogPostgresqlAndTheKubernetesApiInTheFullBuild() throws IOException {
        // Given
        Path file = writeAlone("database:\n  request_log:\n    enabled: true\n  postgresql: true\ndiscovery:\n"
                + "  kubernetes:\n    enabled: true\n    service: ollama\n");

        // When
        var config = ConfigPreflight.reread(file).config();

        // Then
        assertThat(config.getConfigMapping(DiscoveryConfig.class).kubernetes().enabled()).isTrue();
    }

    @Test
    void shouldStopAtASwitchThatIsNeitherTrueNorFalse() throws IOException {
        // Given: a switch the framework would read as false, with only a warning
        Path file = write("log:\n  access: ture\n");

        // When / Then
        assertThatThrownBy(() -> ConfigPreflight.load(file)).satisfies(e -> assertThat(StartupFailure.describe(e))
                .isEqualTo("invalid config: log.access = 'ture': expected true or false"));
    }

    @Test
    void shouldTakeYamlYesAndNoForSwitches() throws IOException {
        // Given
        Path file = write("log:\n  access: no\n  json: yes\n");

        // When
        LogConfig log = ConfigPreflight.load(file).getConfigMapping(LogConfig.class);

        // Then
        assertThat(log.access()).isFalse();
        assertThat(log.json()).isTrue();
    }

    @Test
    void shouldSayThatModelsIsAListWhenWrittenAsAMap() throws IOException {
        // Given
        Path file = write("models:\n  chat: llama3.2\n");

        // When / Then
        assertThatThrownBy(() -> ConfigPreflight.load(file)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid config: models.chat = 'llama3.2': models is a list of routes such as"
                        + " '- {name: chat, model: llama3.2}', or a block of routes, required, preload and sync"
                        + " (docs/configuration.md)");
    }

    @Test
    void shouldSayThatARequiredModelIsAnEntryWhenWrittenAsABareName() throws IOException {
        // Given
        Path file = write("models:\n  required: [llama3.2]\n");

        // When / Then
        assertThatThrownBy(() -> ConfigPreflight.load(file)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid config: models.required[0] = 'llama3.2': each entry is an object:"
                        + " '- model: llama3.2' or '- {model: llama3.2, labels: {gpu: a100}}'");
    }

    @Test
    void shouldReadRoutesRequiredAndPreloadFromTheModelsBlock() throws IOException {
        // Given
        Path file = write("discovery:\n  static:\n    endpoints:\n      - {name: gpu-a, url: \"http://h:1\","
                + " labels: {gpu: a100}}\nmodels:\n  routes:\n    - {name: chat, model: llama3.2}\n  required:\n"
                + "    - model: qwen3:8b\n  preload:\n    - {model: llama3.2, labels: {gpu: a100}, keep_alive: 30m}\n"
                + "  sync: {interval: 10s}\n");

        // When
        var config = ConfigPreflight.load(file).getConfigMapping(adapters.config.ModelsConfig.class);
        var plan = adapters.config.ModelRouteChecks.plan(config, java.util.List.of(), true);

        // Then
        assertThat(config.block().orElseThrow()).hasSize(1);
        assertThat(plan.required()).extracting(w -> w.model().canonical()).containsExactly("qwen3:8b");
        assertThat(plan.preload().get(0).keepAlive()).isEqualTo("30m");
        assertThat(plan.preload().get(0).labels()).containsEntry("gpu", "a100");
        assertThat(plan.interval()).hasSeconds(10);
    }

    @Test
    void shouldStopAtAModelRouteNamingANodeTheFleetHasNot() throws IOException {
        // Given
        Path file = write("discovery:\n  static:\n    endpoints:\n      - {name: gpu-a, url: \"http://h:1\"}\n"
                + "models:\n  - {name: big, nodes: [gpu-b]}\n");

        // When / Then
        assertThatThrownBy(() -> ConfigPreflight.load(file)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid config: models[0].nodes = 'gpu-b': no node in discovery.static.endpoints has"
                        + " this name (nodes: gpu-a)");
    }

    @Test
    void shouldTakeAnEmptyListOfNodesForNone() throws IOException {
        // Given
        Path file = write("discovery:\n  static:\n    endpoints: []\nsecurity:\n  api_keys: []\n");

        // When
        DiscoveryConfig discovery = ConfigPreflight.load(file).getConfigMapping(DiscoveryConfig.class);

        // Then
        assertThat(discovery.statics().endpoints().orElseGet(java.util.List::of)).isEmpty();
    }

    /** config.yaml with only {@code yaml} in it. */
    private Path writeAlone(String yaml) throws IOException {
        return Files.writeString(folder.resolve("config.yaml"), yaml);
    }

    private Path write(String yaml) throws IOException {
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, yaml + "database:\n  path: " + folder.resolve("data") + "\n");
        return file;
    }
}
