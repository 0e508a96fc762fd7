package adapters.node;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.vertx.core.Vertx;

import core.fleet.Node;
import core.fleet.NodeReport;
import core.fleet.NodeType;

/** How a probe tells what a node of {@code type: auto} is, and when it must not decide. */
class NodeProbeTest {

    private final Vertx vertx = Vertx.vertx();
    private final NodeHttp http = new NodeHttp(vertx, (endpoint, request) -> {
        throw new AssertionError("no relay here");
    });
    private final NodeProbe probe = new NodeProbe(http);
    private final WireMockServer node = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        node.start();
        node.stubFor(get("/v1/models").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}")));
    }

    @AfterEach
    void stop() {
        node.stop();
        http.close();
        vertx.close();
    }

    @Test
    void shouldRecogniseAnOllamaNodeByItsVersion() {
        node.stubFor(get("/api/version").willReturn(aResponse().withBody("{\"version\":\"0.12.6\"}")));

        assertThat(check()).isEqualTo(new NodeReport(NodeType.OLLAMA, "0.12.6"));
    }

    @Test
    void shouldRecogniseAnOpenAiNodeThatHasNoOllamaApi() {
        assertThat(check()).isEqualTo(new NodeReport(NodeType.OPENAI, null));
    }

    @Test
    void shouldNotDecideWhenTheVersionCallTimesOut() {
        node.stubFor(get("/api/version").willReturn(aResponse().withBody("{\"version\":\"0.12.6\"}")
                .withFixedDelay(1500)));

        assertThatThrownBy(this::check).hasMessageContaining("imeout");
    }

    @Test
    void shouldSayWhatANodeThatIsNeitherAnswered() {
        node.resetAll();

        assertThatThrownBy(this::check).hasMessageContaining("answers neither GET /api/version (Ollama) nor GET"
                + " /v1/models (OpenAI-compatible): GET /v1/models answered HTTP 404");
    }

    private NodeReport check() {
        Node endpoint = new Node("n", URI.create("http://127.0.0.1:" + node.port()), NodeType.AUTO, 0, 0,
                Duration.ofSeconds(5), Duration.ofMillis(400));
        return probe.check(endpoint, NodeType.AUTO).toCompletableFuture().join();
    }
}
