package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import testsupport.Builds;

/**
 * SIGTERM with streams in flight, on the packaged jar: every stream that can finish within {@code drain_timeout}
 * finishes and is in the request log and on the console's access log; one that cannot ends with the error line in its
 * protocol, never a silent cut.
 */
class ShutdownPackagedIT {

    private static final int STREAMS = 20;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldFinishAndLogEveryStreamInFlightOnSigterm() throws Exception {
        // Given: 20 answers of 20 tokens 400 ms apart (8 s each) under way, and a drain of 25 s
        int gateway = start("25s");
        List<CompletableFuture<List<String>>> streams = streams(gateway);

        // When
        processes.get(1).destroy();

        // Then: all of them end with done:true, the gateway exits, and the request log (full build) holds every one, as does the
        // console: one access line each, a JSON object as log.json asks (the access log's batches are written in the
        // console's own format, and the last one before the gateway exits)
        for (CompletableFuture<List<String>> stream : streams) {
            List<String> lines = stream.get(30, TimeUnit.SECONDS);
            assertThat(lines.get(lines.size() - 1)).contains("\"done\":true");
        }
        assertThat(processes.get(1).waitFor(30, TimeUnit.SECONDS)).as("gateway exits").isTrue();
        if (Builds.full()) {
            assertThat(logged("status = 200 and route = '/api/generate'")).as("the streams and the warm-up")
                    .isEqualTo(STREAMS + 1);
        }
        assertThat(accessLines()).as("access lines of the streams and the warm-up")
                .filteredOn(m -> m.contains("route=/api/generate") && m.contains(" status=200 ")).hasSize(STREAMS + 1);
    }

    @Test
    void shouldEndEveryStreamInProtocolWhenTheDrainTimeoutPasses() throws Exception {
        // Given: the same streams, but a drain of 2 s
        int gateway = start("2s");
        List<CompletableFuture<List<String>>> streams = streams(gateway);

        // When
        long start = System.nanoTime();
        processes.get(1).destroy();

        // Then: each ends with an error line saying why, the gateway exits soon after the drain, and each is logged in
        // the request log (full build) and on the console
        for (CompletableFuture<List<String>> stream : streams) {
            List<String> lines = stream.get(30, TimeUnit.SECONDS);
            assertThat(lines.get(lines.size() - 1)).startsWith("{\"error\":").contains("shutting down")
                    .contains("incomplete");
        }
        assertThat(processes.get(1).waitFor(30, TimeUnit.SECONDS)).as("gateway exits").isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms from SIGTERM to exit").isLessThan(12_000);
        if (Builds.full()) {
            assertThat(logged("route = '/api/generate' and status >= 500")).isEqualTo(STREAMS);
        }
        assertThat(accessLines()).as("access lines of the streams cut at the drain timeout, the gateway's last lines")
                .filteredOn(m -> m.contains("route=/api/generate") && m.contains(" status=5")).hasSize(STREAMS);
    }

    @Test
    void shouldAnswer503ToARequestWhoseAnswerHadNotBegunWhenTheDrainTimeoutPasses() throws Exception {
        // Given: a gateway with a drain of 2 s in front of a node that takes 20 s to load the model "cold"
        int gateway = start("2s", "--models", "llama3.2,cold", "--model-load-ms", "cold=20000");
        CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway + "/api/generate"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"cold\",\"prompt\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);

        // When
        processes.get(1).destroy();

        // Then: the client learns the gateway is going away, in Ollama's words, not that Drover broke
        HttpResponse<String> answer = waiting.get(15, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).startsWith("{\"error\":").contains("shutting down");
        assertThat(processes.get(1).waitFor(30, TimeUnit.SECONDS)).as("gateway exits").isTrue();
    }

    @Test
    void shouldRefuseNewChatsButStillListModelsWhileDraining() throws Exception {
        // Given: one stream under way (8 s) and a drain of 25 s
        int gateway = start("25s");
        List<CompletableFuture<List<String>>> stream = streams(gateway, 1);

        // When: SIGTERM, and the drain has begun (readiness says so)
        processes.get(1).destroy();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 503) {
            assertThat(System.nanoTime()).as("readiness turns 503").isLessThan(deadline);
            Thread.sleep(20);
        }
        Answer chat = Answer.of(base + "/api/chat", "{\"model\":\"llama3.2\",\"messages\":[],\"stream\":false}");
        Answer tags = Answer.of(base + "/api/tags", null);

        // Then: a chat is sent elsewhere in Ollama's words; the model list still answers, and both ask the client to
        // reconnect (to another instance); the stream in flight finishes
        assertThat(chat.status()).as(chat.body()).isEqualTo(503);
        assertThat(chat.body()).startsWith("{\"error\":").contains("shutting down");
        assertThat(chat.header("Retry-After")).isEqualTo("1");
        assertThat(chat.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(tags.status()).as(tags.body()).isEqualTo(200);
        assertThat(tags.body()).contains("\"llama3.2");
        assertThat(tags.header("Connection")).isEqualToIgnoringCase("close");
        List<String> lines = stream.get(0).get(30, TimeUnit.SECONDS);
        assertThat(lines.get(lines.size() - 1)).contains("\"done\":true");
        assertThat(processes.get(1).waitFor(30, TimeUnit.SECONDS)).as("gateway exits").isTrue();
    }

    @Test
    void shouldDrainStreamsThroughTheRelayAndExitOnceTheyEnd() throws Exception {
        // Given: the slow node reached only through the relay (drover agent), and 5 streams (8 s each) under way
        PackagedDrover drover = new PackagedDrover(dir);
        int simPort = slowNode(drover);
        int gatewayPort = PackagedDrover.freePort();
        Path config = dir.resolve("relay.yaml");
        java.nio.file.Files.writeString(config, "server:\n  port: " + gatewayPort + "\ndiscovery:\n  relay:\n"
                + "    enabled: true\n    secret: a-relay-secret-for-the-shutdown-test-0123\n");
        Process gateway = drover.background(Map.of(), "serve", "--config", config.toString());
        processes.add(gateway);
        String token = drover.run(Map.of(), "token", "create", "--config", config.toString()).stdout().get(0);
        processes.add(drover.background(Map.of("DROVER_AGENT_TOKEN", token.strip()), "agent", "--gateway",
                "ws://127.0.0.1:" + gatewayPort, "--ollama", "http://127.0.0.1:" + simPort, "--name", "edge"));
        PackagedDrover.awaitBody("http://127.0.0.1:" + gatewayPort + "/api/generate",
                "{\"model\":\"llama3.2\",\"prompt\":\"warm\",\"stream\":false,\"options\":{\"num_predict\":1}}");
        List<CompletableFuture<List<String>>> streams = streams(gatewayPort, 5);

        // When
        long start = System.nanoTime();
        gateway.destroy();

        // Then: every stream ends with done:true, and the gateway exits once they have, not after
        // quarkus.shutdown.timeout (30 s: it counted the agent's WebSocket as a request that never ends)
        for (CompletableFuture<List<String>> stream : streams) {
            List<String> lines = stream.get(30, TimeUnit.SECONDS);
            assertThat(lines.get(lines.size() - 1)).contains("\"done\":true");
        }
        assertThat(gateway.waitFor(40, TimeUnit.SECONDS)).as("gateway exits").isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms from SIGTERM to exit").isLessThan(15_000);
    }

    /** An answer with every header as sent ({@link HttpClient} hides {@code Connection}). */
    private record Answer(int status, String body, Map<String, List<String>> headers) {

        /** POSTs {@code body} to {@code url}, or GETs it when {@code body} is null. */
        static Answer of(String url, String body) throws Exception {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestMethod("POST");
                c.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new Answer(status, text, c.getHeaderFields());
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A slow simulated node and a gateway in front of it, ready; the gateway's port. */
    private int start(String drain, String... node) throws Exception {
        PackagedDrover drover = new PackagedDrover(dir);
        int simPort = slowNode(drover, node);
        int gatewayPort = PackagedDrover.freePort();
        Path config = dir.resolve("config.yaml");
        java.nio.file.Files.writeString(config, "server:\n  port: " + gatewayPort + "\n  drain_timeout: " + drain
                + "\ndiscovery:\n  static:\n    endpoints:\n      - name: slow\n        url: http://127.0.0.1:"
                + simPort + (Builds.full() ? "\ndatabase:\n  request_log:\n    enabled: true" : "")
                + "\nlog:\n  json: true\n");
        processes.add(drover.background(Map.of(), dir.resolve("gateway.out"), "serve", "--config",
                config.toString()));
        PackagedDrover.awaitBody("http://127.0.0.1:" + gatewayPort + "/api/generate",
                "{\"model\":\"llama3.2\",\"prompt\":\"warm\",\"stream\":false,\"options\":{\"num_predict\":1}}");
        return gatewayPort;
    }

    /** A simulated node answering 20 tokens 400 ms apart (8 s a stream); its port. */
    private int slowNode(PackagedDrover drover, String... more) throws Exception {
        int port = PackagedDrover.freePort();
        List<String> args = new ArrayList<>(List.of("sim", "--port", Integer.toString(port), "--name", "slow",
                "--token-ms", "400", "--tokens", "20", "--parallel", "64"));
        args.addAll(List.of(more));
        processes.add(drover.background(Map.of(), args.toArray(String[]::new)));
        return port;
    }

    /** {@link #STREAMS} streamed answers, each read to its end; returns once each has its first line. */
    private static List<CompletableFuture<List<String>>> streams(int port) throws Exception {
        return streams(port, STREAMS);
    }

    /**
     * {@code count} streams, all sent at once and each under way (its first line read) on return. Sent one after the
     * other, on a slow machine the first had most of its 8 s behind it when the last began, and could end on its own
     * within a 2 s drain.
     */
    private static List<CompletableFuture<List<String>>> streams(int port, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<Stream<String>>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"prompt\":\"hi\"}"))
                    .build(), HttpResponse.BodyHandlers.ofLines()));
        }
        List<CompletableFuture<List<String>>> streams = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Stream<String>>> response : sent) {
            java.util.Iterator<String> lines = response.get(30, TimeUnit.SECONDS).body().iterator();
            String first = lines.next();
            streams.add(CompletableFuture.supplyAsync(() -> {
                List<String> all = new ArrayList<>(List.of(first));
                lines.forEachRemaining(all::add);
                return all;
            }));
        }
        return streams;
    }

    /** The messages of the gateway's console lines on the access logger; each line must be a JSON object. */
    private List<String> accessLines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(dir.resolve("gateway.out"))) {
            JsonNode entry = json.readTree(line);
            if ("drover.access".equals(entry.path("loggerName").asText())) {
                messages.add(entry.path("message").asText());
            }
        }
        return messages;
    }

    /** Rows of the request log (the full build's), read from the embedded database the gateway left behind. */
    private int logged(String where) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/drover")
                .toAbsolutePath(), "", "");
                ResultSet rows = db.createStatement().executeQuery("select count(*) from request_log where "
                        + where)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
