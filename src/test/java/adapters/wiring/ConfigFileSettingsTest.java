package adapters.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import adapters.cli.ConfigPreflight;
import adapters.config.ProxyConfig;
import adapters.engine.ExchangeTimeouts;
import core.fleet.Node;
import core.models.ModelPlan;
import core.settings.InvalidSettingsException;
import core.settings.RestartRequiredException;
import core.settings.Settings;
import testsupport.HiddenProperties;

@ExtendWith(HiddenProperties.class)
class ConfigFileSettingsTest {

    private static final String NODES = "discovery:\n  static:\n    endpoints:\n"
            + "      - {name: a, url: 'http://127.0.0.1:11501'}\n";

    @TempDir
    Path dir;

    @Test
    void shouldReadChangedNodesKeysAndBalancer() throws Exception {
        // Given
        ConfigFileSettings settings = started("server:\n  port: 11435\n" + NODES);
        write("server:\n  port: 11435\nproxy:\n  load_balancer: round-robin\n" + NODES
                + "      - {name: b, url: 'http://127.0.0.1:11502', weight: 3}\n"
                + "security:\n  api_keys:\n    - {name: webui, key: 'a-client-key-of-16-chars'}\n");

        // When
        Settings read = settings.read();

        // Then
        assertThat(read.nodes()).extracting(Node::name).containsExactly("a", "b");
        assertThat(read.nodes().get(1).weight()).isEqualTo(3);
        assertThat(read.clients().keys()).hasSize(1);
        assertThat(read.balancer()).isEqualTo("round-robin");
    }

    @Test
    void shouldRefuseWholeAChangeThatTakesARestartNamingItsKeys() throws Exception {
        // Given
        ConfigFileSettings settings = started("server:\n  port: 11435\n" + NODES);
        write("server:\n  port: 11436\nlog:\n  json: true\n" + NODES
                + "      - {name: b, url: 'http://127.0.0.1:11502'}\n");

        // When / Then
        assertThatThrownBy(settings::read).isInstanceOfSatisfying(RestartRequiredException.class,
                e -> assertThat(e.keys()).containsExactly("log.json", "server.port"));
    }

    @Test
    void shouldCompareWithWhatWasLastAppliedNotWithTheStart() throws Exception {
        // Given: b was added and applied
        ConfigFileSettings settings = started(NODES);
        write(NODES + "      - {name: b, url: 'http://127.0.0.1:11502'}\n");
        settings.read();
        settings.applied();
        write(NODES + "      - {name: b, url: 'http://127.0.0.1:11502'}\nserver:\n  max_connections: 10\n");

        // When / Then: only the new server key is named
        assertThatThrownBy(settings::read).isInstanceOfSatisfying(RestartRequiredException.class,
                e -> assertThat(e.keys()).containsExactly("server.max_connections"));
    }

    @Test
    void shouldApplyNewTimeoutsAndRetriesWhenCoreHasAppliedTheRest() throws Exception {
        // Given
        ConfigFileSettings settings = started(NODES);
        write(NODES + "proxy:\n  idle_timeout: 30s\n  first_byte_timeout: 1500ms\n  max_attempts: 2\n");

        // When
        Settings read = settings.read();
        List<String> applied = settings.applied();

        // Then
        assertThat(read.retries().maxAttempts()).isEqualTo(2);
        assertThat(applied).containsExactly("first_byte_timeout=1500ms", "idle_timeout=30s");
    }

    @Test
    void shouldSayWhatIsWrongWithAnInvalidFileInOneLine() throws Exception {
        // Given
        ConfigFileSettings settings = started(NODES);
        write("discovery:\n  static:\n    endpoints:\n      - {name: a, url: 'ftp://nowhere'}\n");

        // When / Then
        assertThatThrownBy(settings::read).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("discovery.static.endpoints[0].url").hasMessageContaining("ftp://nowhere");
    }

    private ConfigFileSettings started(String yaml) throws Exception {
        Path file = write(yaml);
        return new ConfigFileSettings(file, ConfigFileSettings.written(file), ExchangeTimeouts.from(
                ConfigPreflight.reread(file).config().getConfigMapping(ProxyConfig.class)),
                new SyncPlan(ModelPlan.NONE));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }
}
