package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;

/**
 * Models across the fleet on the packaged jar and simulated nodes whose pulls progress over time and can fail midway:
 * a pull to three nodes with one failing, merged into one Ollama progress stream; models.required reaching a node
 * that joins later within one sync interval, and retrying a pull that fails; models.preload loading a model before
 * any request; a client that leaves stopping the pulls; and {@code drover models}.
 */
class ModelsPackagedIT {

    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Duration LOAD = Duration.ofMillis(800);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration DRAIN = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, SimulatedOllama> sims = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            SimulatedOllama sim = SimulatedOllama.start(vertx, SimSettings.named(name)
                    .withModels(List.of("llama3.2")).withLoadDelay(LOAD).withTokens(4, Duration.ofMillis(5)));
            sim.faults().slowPull(Duration.ofMillis(600));
            sims.put(name, sim);
        }
        port = PackagedDrover.freePort();
        java.nio.file.Files.writeString(dir.resolve("config.yaml"),
                "server:\n  port: " + port + "\n  drain_timeout: " + DRAIN.toSeconds() + "s\n"
                        + "discovery:\n  static:\n    endpoints:\n"
                        + "      - {name: a, url: '" + sims.get("a").url() + "', labels: {gpu: a100}}\n"
                        + "      - {name: b, url: '" + sims.get("b").url() + "', labels: {gpu: a100}}\n"
                        + "      - {name: c, url: '" + sims.get("c").url() + "'}\n"
                        + "models:\n  required:\n    - model: qwen3:8b\n"
                        + "  preload:\n    - {model: llama3.2, labels: {gpu: a100}, keep_alive: 10m}\n"
                        + "  sync:\n    interval: " + INTERVAL.toSeconds() + "s\n"
                        + "proxy:\n  idle_timeout: " + IDLE.toSeconds() + "s\n");
        gateway = new PackagedDrover(dir).background(Map.of(), dir.resolve("gateway.out"), "serve", "--config",
                dir.resolve("config.yaml").toString());
        await("the required model on a, b and c", Duration.ofSeconds(30), () -> List.of("a", "b", "c").stream()
                .allMatch(n -> models(n).contains("qwen3:8b")));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        sims.values().forEach(SimulatedOllama::close);
        vertx.close();
    }

    @Test
    void shouldMergeThreeNodesPullIntoOneStreamAndNameTheNodeThatFailedMidway() throws Exception {
        // Given: b's pull breaks at half its layer
        sims.get("b").faults().failPullAt(50);

        // When
        HttpResponse<Stream<String>> answer = stream("/api/pull", Map.of("X-Drover-Endpoint", "*"),
                "{\"model\":\"gemma3\"}");
        List<JsonObject> lines = answer.body().map(JsonObject::new).toList();

        // Then: every line names its node until the last; a layer's fleet bytes only rise and never pass the total
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(answer.headers().firstValue("X-Drover-Endpoint")).hasValue("a,b,c");
        JsonObject last = lines.get(lines.size() - 1);
        List<JsonObject> progress = lines.subList(0, lines.size() - 1);
        assertThat(progress).allMatch(l -> l.getString("node") != null && l.getValue("error") == null);
        long before = -1;
        for (JsonObject l : progress) {
            if (l.getString("digest") != null) {
                assertThat(l.getLong("completed")).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(l.getLong(
                        "total"));
                before = l.getLong("completed");
            }
        }
        assertThat(progress.stream().filter(l -> l.getString("result") != null)
                .map(l -> l.getString("node") + "=" + l.getString("result")))
                .containsExactlyInAnyOrder("a=success", "b=failed", "c=success");
        assertThat(last.getString("error")).startsWith("pull gemma3:latest failed on b (simulated: pull of")
                .contains("interrupted at 50%").endsWith("succeeded on a, c");
        assertThat(last.getJsonObject("nodes").getJsonObject("b").getString("status")).isEqualTo("failed");
        assertThat(sims.get("a").models()).contains("gemma3:latest");
        assertThat(sims.get("c").models()).contains("gemma3:latest");
        assertThat(sims.get("b").models()).doesNotContain("gemma3:latest");
    }

    @Test
    void shouldEndWithOllamasSuccessLineWhenEveryLabelledNodeSucceeds() throws Exception {
        // When
        HttpResponse<Stream<String>> answer = stream("/api/pull", Map.of("X-Drover-Nodes", "gpu=a100"),
                "{\"model\":\"phi3:mini\"}");
        List<String> lines = answer.body().toList();

        // Then
        assertThat(answer.headers().firstValue("X-Drover-Endpoint")).hasValue("a,b");
        assertThat(new JsonObject(lines.get(lines.size() - 1)).getString("status")).isEqualTo("success");
        assertThat(lines).noneMatch(l -> new JsonObject(l).containsKey("error"));
        assertThat(sims.get("c").models()).doesNotContain("phi3:mini");
        assertThat(sims.get("a").models()).contains("phi3:mini");
    }

    @Test
    void shouldBringANodeThatJoinsLaterToTheRequiredModelWithinOneSyncInterval() throws Exception {
        // When: d joins without the required model
        long joined = System.nanoTime();
        assertThat(post("/admin/endpoints", "{\"name\":\"d\",\"url\":\"" + sims.get("d").url()
                + "\",\"check_interval\":\"1s\"}").statusCode()).isEqualTo(201);

        // Then
        await("qwen3:8b on d", INTERVAL.multipliedBy(2), () -> sims.get("d").models().contains("qwen3:8b"));
        long took = (System.nanoTime() - joined) / 1_000_000;
        assertThat(took).as("ms from joining to holding the required model").isLessThan(INTERVAL.toMillis());
        await("the sync shows d's model present", INTERVAL, () -> sync().stream().anyMatch(e -> e.getString("node")
                .equals("d") && e.getString("state").equals("present") && e.getBoolean("pulled_by_drover")));
        System.out.printf("a node that joined held the required model after %d ms (sync interval %d ms)%n", took,
                INTERVAL.toMillis());
    }

    @Test
    void shouldRetryARequiredPullThatFailsUntilTheNodeTakesIt() throws Exception {
        // Given: d's pulls break at 30%
        sims.get("d").faults().failPullAt(30);
        post("/admin/endpoints", "{\"name\":\"d\",\"url\":\"" + sims.get("d").url() + "\",\"check_interval\":\"1s\"}");
        await("a failed attempt on d", INTERVAL.multipliedBy(2), () -> sync().stream().anyMatch(e -> e.getString(
                "node").equals("d") && e.getString("state").equals("retrying") && e.getInteger("attempts") >= 1
                && e.getString("last_error").contains("interrupted at 30%") && e.getString("next_try") != null));

        // When: the node recovers
        sims.get("d").faults().failPullAt(-1);

        // Then: a later attempt takes, after the back-off
        await("qwen3:8b on d", INTERVAL.multipliedBy(4), () -> sims.get("d").models().contains("qwen3:8b"));
    }

    @Test
    void shouldHaveThePreloadModelLoadedBeforeTheFirstRequest() throws Exception {
        // When: no request has been made; the sync has had its first look
        await("llama3.2 loaded on a and b", INTERVAL.multipliedBy(2), () -> sims.get("a").loadedModels().contains(
                "llama3.2:latest") && sims.get("b").loadedModels().contains("llama3.2:latest"));

        // Then: c, which no preload names, has nothing loaded; the status page shows the residency
        assertThat(sims.get("c").loadedModels()).isEmpty();
        await("the residency of a", INTERVAL, () -> endpoint("a").getJsonArray("residency").stream()
                .map(JsonObject.class::cast)
                .anyMatch(m -> m.getString("model").equals("llama3.2:latest") && m.getBoolean("loaded")));
        long start = System.nanoTime();
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(url("/api/generate")))
                .header("X-Drover-Endpoint", "a").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}"))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(firstMs).as("first request's ms on a preloaded node (a cold load takes %d ms)", LOAD.toMillis())
                .isLessThan(LOAD.toMillis());
    }

    @Test
    void shouldStopEveryNodesPullWhenTheClientLeaves() throws Exception {
        // Given: slow pulls
        sims.values().forEach(s -> s.faults().slowPull(Duration.ofSeconds(3)));
        HttpResponse<Stream<String>> answer = stream("/api/pull", Map.of("X-Drover-Endpoint", "a,b,c"),
                "{\"model\":\"mistral\"}");
        var lines = answer.body().iterator();
        lines.next();
        lines.next();

        // When
        answer.body().close();

        // Then: past the time a pull takes, no node has the model
        Thread.sleep(4_000);
        sims.values().forEach(s -> assertThat(s.models()).as(s.name()).doesNotContain("mistral:latest"));
    }

    @Test
    void shouldAnswerInOnePieceWithoutStreamAndFailWithTheNodesStatus() throws Exception {
        // Given
        sims.get("c").faults().failPullAt(10);

        // When
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url("/api/pull")))
                .header("X-Drover-Endpoint", "a, c").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gemma3\",\"stream\":false}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "application/json"));
        assertThat(new JsonObject(answer.body()).getString("error")).contains("failed on c").contains("succeeded on a");
    }

    @Test
    void shouldEndTheShareOfANodeThatFallsSilentMidwayWithinTheIdleTimeout() throws Exception {
        // Given: b's pull hangs at 40%, its connection open
        sims.get("b").faults().stallPullAt(40);

        // When
        long start = System.nanoTime();
        List<JsonObject> lines = stream("/api/pull", Map.of("X-Drover-Endpoint", "a,b,c"), "{\"model\":\"gemma3\"}")
                .body().map(JsonObject::new).toList();
        long took = (System.nanoTime() - start) / 1_000_000;

        // Then: a and c finish; b's part ends at the idle timeout, named, and the answer ends
        JsonObject last = lines.get(lines.size() - 1);
        assertThat(last.getJsonObject("nodes").getJsonObject("a").getString("status")).isEqualTo("success");
        assertThat(last.getJsonObject("nodes").getJsonObject("c").getString("status")).isEqualTo("success");
        assertThat(last.getString("error")).startsWith("pull gemma3:latest failed on b (").contains("timed out");
        assertThat(took).as("ms until the answer ended").isLessThan(IDLE.toMillis() + 3_000);
    }

    @Test
    void shouldFinishAPullUnderWayWhenTheGatewayIsStopped() throws Exception {
        // Given: a pull of 1.5 s under way on three nodes, well within the drain time
        sims.values().forEach(s -> s.faults().slowPull(Duration.ofMillis(1_500)));
        HttpResponse<Stream<String>> answer = stream("/api/pull", Map.of("X-Drover-Endpoint", "a,b,c"),
                "{\"model\":\"gemma3\"}");
        var lines = answer.body().iterator();
        lines.next();

        // When: SIGTERM
        gateway.destroy();

        // Then: the drain waits for it; it ends with Ollama's success and every node holds the model
        String last = null;
        while (lines.hasNext()) {
            last = lines.next();
        }
        assertThat(new JsonObject(last).getString("status")).isEqualTo("success");
        assertThat(List.of("a", "b", "c")).allMatch(n -> sims.get(n).models().contains("gemma3:latest"));
        assertThat(gateway.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the gateway exits").isTrue();
    }

    @Test
    void shouldEndAPullStillRunningAtTheDrainDeadlineWithItsLastLine() throws Exception {
        // Given: a pull of 15 s under way on two nodes (a step every 1.5 s, within the idle timeout)
        sims.values().forEach(s -> s.faults().slowPull(Duration.ofSeconds(15)));
        HttpResponse<Stream<String>> answer = stream("/api/pull", Map.of("X-Drover-Endpoint", "a,c"),
                "{\"model\":\"gemma3\"}");
        var lines = answer.body().iterator();
        lines.next();

        // When: SIGTERM
        long stopped = System.nanoTime();
        gateway.destroy();
        String last = null;
        while (lines.hasNext()) {
            last = lines.next();
        }
        long took = (System.nanoTime() - stopped) / 1_000_000;

        // Then: at the drain deadline the answer ends in Ollama's protocol, saying why, not cut
        assertThat(new JsonObject(last).getString("error")).startsWith("pull gemma3:latest failed on a (Drover is"
                + " shutting down").contains("c (Drover is shutting down");
        assertThat(took).as("ms from SIGTERM to the last line").isBetween(DRAIN.toMillis() - 500, DRAIN.toMillis()
                + 3_000);
        assertThat(gateway.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the gateway exits").isTrue();
    }

    @Test
    void shouldAnswerTheNodesStatusWhenNoNodeCouldStart() throws Exception {
        // Given: two nodes nobody listens for
        for (String name : List.of("gone-1", "gone-2")) {
            post("/admin/endpoints", "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:"
                    + PackagedDrover.freePort() + "\"}");
        }

        // When
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url("/api/pull")))
                .header("X-Drover-Endpoint", "gone-1,gone-2").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gemma3\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        // Then: not a 200 with an error line, but the status the nodes' failure has
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(answer.body()).getString("error")).startsWith("pull gemma3:latest failed on gone-1 (")
                .contains("gone-2 (");
    }

    @Test
    void shouldPullRemoveAndShowModelsFromTheCommandLine() throws Exception {
        // Given
        PackagedDrover cli = new PackagedDrover(dir);
        String gatewayUrl = "http://127.0.0.1:" + port;

        // When
        PackagedDrover.Run pulled = cli.run(Map.of("DROVER_URL", gatewayUrl), "models", "pull", "phi3:mini",
                "--nodes", "a,c");
        PackagedDrover.Run removed = cli.run(Map.of(), "models", "rm", "phi3:mini", "--url", gatewayUrl);
        PackagedDrover.Run status = cli.run(Map.of(), "models", "status", "--url", gatewayUrl);
        PackagedDrover.Run wrong = cli.run(Map.of(), "models", "pull", "phi3:mini", "--url", gatewayUrl, "--nodes",
                "zz");

        // Then
        assertThat(pulled.exit()).as(String.join("\n", pulled.stderr())).isZero();
        assertThat(pulled.stdout()).anyMatch(l -> l.startsWith("a ") && l.contains("pulling manifest"))
                .anyMatch(l -> l.startsWith("c ") && l.endsWith("100%"));
        assertThat(pulled.stdout().get(pulled.stdout().size() - 1)).isEqualTo("success on a, c");
        assertThat(removed.exit()).as(String.join("\n", removed.stderr())).isZero();
        assertThat(sims.get("a").models()).doesNotContain("phi3:mini");
        assertThat(status.stdout().get(0)).startsWith("NODE");
        assertThat(status.stdout()).anyMatch(l -> l.matches("a +qwen3:8b +required +present.*"))
                .anyMatch(l -> l.matches("b +llama3.2:latest +preload +(present|running|waiting).*"));
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.stderr()).anyMatch(l -> l.contains("no node named 'zz'"));
    }

    private HttpResponse<Stream<String>> stream(String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject status() {
        try {
            return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(url("/internal/status"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            return new JsonObject().put("endpoints", new JsonArray()).put("model_sync", new JsonArray());
        }
    }

    private JsonObject endpoint(String name) {
        return status().getJsonArray("endpoints").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals(name)).findFirst().orElse(new JsonObject()
                        .put("models", new JsonArray()).put("residency", new JsonArray()));
    }

    private List<String> models(String node) {
        List<String> names = new ArrayList<>();
        endpoint(node).getJsonArray("models").forEach(m -> names.add((String) m));
        return names;
    }

    private List<JsonObject> sync() {
        return status().getJsonArray("model_sync").stream().map(JsonObject.class::cast).toList();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            Thread.sleep(25);
        }
    }
}
