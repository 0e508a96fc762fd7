package adapters.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The packaged gateway with the tracing block a user writes in config.yaml: the spans of a proxied request reach an
 * OTLP collector (here WireMock speaking OTLP/HTTP) and belong to the trace the client started.
 */
class TracingPackagedIT {

    private static final String TRACE_ID = "5af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private WireMockServer collector;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor();
        }
        if (collector != null) {
            collector.stop();
        }
    }

    @Test
    void shouldExportTheSpansOfAProxiedRequestToTheCollector() throws Exception {
        // Given: a node, a collector, and a gateway whose config.yaml turns tracing on
        collector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        collector.start();
        collector.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-protobuf")));
        PackagedDrover drover = new PackagedDrover(dir);
        int nodePort = PackagedDrover.freePort();
        processes.add(drover.background(Map.of(), "sim", "--port", Integer.toString(nodePort), "--name", "gpu-a",
                "--models", "llama3.2", "--token-ms", "0"));
        int port = PackagedDrover.freePort();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "server:\n  port: " + port + "\ndiscovery:\n  static:\n    endpoints:\n"
                + "      - name: gpu-a\n        url: http://127.0.0.1:" + nodePort + "\n"
                + "tracing:\n  enabled: true\n  endpoint: http://127.0.0.1:" + collector.port() + "\n"
                + "  protocol: http/protobuf\n"
                + "database:\n  path: " + dir.resolve("data") + "\n");
        processes.add(drover.background(Map.of(), "serve", "--config", config.toString()));

        // When: a client inside a trace asks for a chat
        chatUntilAnswered("http://127.0.0.1:" + port + "/api/chat");

        // Then: the collector receives the request's span and its attempt's span, in the client's trace
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String exported = "";
        while (!(exported.contains("POST /api/chat") && exported.contains("attempt gpu-a"))) {
            assertThat(System.nanoTime()).as("both spans exported within 20 s").isLessThan(deadline);
            Thread.sleep(200);
            exported = exports();
        }
        assertThat(collector.findAll(postRequestedFor(urlPathEqualTo("/v1/traces"))
                .withHeader("Content-Type", WireMock.containing("application/x-protobuf")))).isNotEmpty();
        assertThat(exported).contains(new String(HexFormat.of().parseHex(TRACE_ID), StandardCharsets.ISO_8859_1))
                .contains("gen_ai.request.model").contains("llama3.2").contains("drover");
    }

    /** Every export body so far, as one string (OTLP protobuf keeps names and values as plain bytes). */
    private String exports() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (LoggedRequest request : collector.findAll(postRequestedFor(urlPathEqualTo("/v1/traces")))) {
            all.writeBytes(request.getBody());
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static void chatUntilAnswered(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"messages\":[{\"role\":"
                                + "\"user\",\"content\":\"hi\"}],\"stream\":false}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("a 200 within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
