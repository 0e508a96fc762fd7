package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;

/**
 * Live configuration on the packaged jar: config.yaml edited under 200 open streams (nodes added and removed, another
 * balancer, API keys turned on) applies within 2 s and ends none of them; a broken file, or one that changes what
 * takes a restart, keeps the running configuration; SIGHUP and POST /admin/reload reload it.
 */
class ReloadPackagedIT {

    private static final String KEY = "a-client-key-for-the-reload-test";
    private static final int STREAMS = 200;

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final List<SimulatedOllama> sims = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final Map<String, Integer> ports = new HashMap<>();
    private Process gateway;
    private Path config;
    private int port;

    @BeforeEach
    void start() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            SimulatedOllama sim = SimulatedOllama.start(vertx, SimSettings.named(name).withModels(List.of("llama3.2"))
                    .withTokens(40, Duration.ofMillis(200)).withParallel(256));
            sims.add(sim);
            ports.put(name, sim.port());
        }
        port = PackagedDrover.freePort();
        config = dir.resolve("config.yaml");
        write(nodes("a", "b") + "proxy:\n  load_balancer: least-connections\n");
        gateway = new PackagedDrover(dir).background(Map.of(), dir.resolve("gateway.out"), "serve", "--config",
                config.toString());
        PackagedDrover.awaitBody(url("/api/generate"), "{\"model\":\"llama3.2\",\"prompt\":\"warm\",\"stream\":false,"
                + "\"options\":{\"num_predict\":1}}");
        await("both nodes up", () -> nodes().equals(List.of("a", "b")));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        sims.forEach(SimulatedOllama::close);
        readers.shutdownNow();
        vertx.close();
    }

    @Test
    void shouldApplyNodesBalancerAndKeysWithinTwoSecondsWithoutEndingAStream() throws Exception {
        // Given: 200 streams of 8 s under way on a and b
        List<CompletableFuture<List<String>>> streams = streams(STREAMS);

        // When: b removed, c added, round-robin, keys required from now on, and an alias
        long start = System.nanoTime();
        write(nodes("a", "c") + "proxy:\n  load_balancer: round-robin\n  idle_timeout: 30s\nsecurity:\n  api_keys:\n"
                + "    - {name: webui, key: '" + KEY + "'}\nmodels:\n  - {name: chat, model: llama3.2}\n");

        // Then: the fleet shows it within 2 s; every stream ends with done:true; a request needs the key now
        await("c in, b out", () -> nodes().equals(List.of("a", "c")));
        long applied = (System.nanoTime() - start) / 1_000_000;
        assertThat(applied).as("ms from the write to the new fleet").isLessThan(2_000);
        int errors = 0;
        for (CompletableFuture<List<String>> stream : streams) {
            List<String> lines = stream.get(60, TimeUnit.SECONDS);
            if (!lines.get(lines.size() - 1).contains("\"done\":true")) {
                errors++;
            }
        }
        assertThat(errors).as("streams that did not end with done:true").isZero();
        assertThat(post("/api/generate", null).statusCode()).isEqualTo(401);
        HttpResponse<String> keyed = post("/api/generate", KEY);
        assertThat(keyed.statusCode()).isEqualTo(200);
        assertThat(keyed.headers().firstValue("X-Drover-Endpoint")).hasValueSatisfying(
                node -> assertThat(node).isIn("a", "c"));
        assertThat(metrics()).contains("drover_config_reloads_total{result=\"applied\"} 1.0");
        assertThat(log()).anyMatch(line -> line.contains("config.yaml reloaded (file changed): -b, +c, api_keys,"
                + " load_balancer=round-robin, models, idle_timeout=30s"));
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url("/api/generate"))).header("Authorization",
                "Bearer " + KEY).POST(
                        HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"prompt\":\"hi\","
                                + "\"stream\":false,\"options\":{\"num_predict\":1}}"))
                .build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the new alias").isEqualTo(200);
        System.out.printf("reload under %d streams: applied in %d ms, %d stream errors%n", STREAMS, applied, errors);
    }

    @Test
    void shouldKeepTheRunningConfigurationWhenTheFileIsInvalidOrChangesWhatTakesARestart() throws Exception {
        // Given / When: a broken file
        write(nodes("a", "b").replace("http://", "ftp://"));

        // Then: it is counted and logged, and the fleet is as it was
        await("the invalid file counted",
                () -> metrics().contains("drover_config_reloads_total{result=\"invalid\"} 1.0"));
        assertThat(nodes()).containsExactly("a", "b");
        assertThat(log()).anyMatch(line -> line.contains("config.yaml not applied (file changed), the running"
                + " configuration stays: invalid config: discovery.static.endpoints[0].url"));

        // When: a valid file that adds c but also moves the port
        write("server:\n  port: " + (port + 1) + "\n" + nodes("a", "b", "c"));
        HttpResponse<String> refused = post("/admin/reload", null);

        // Then: refused whole, naming the key
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("config.yaml not applied: server.port"
                + " changed and takes a restart; nothing was applied (restore it to reload the rest, or restart)");
        assertThat(nodes()).containsExactly("a", "b");

        // When: the port restored, the watch left aside (SIGHUP)
        write(nodes("a", "b", "c") + "proxy:\n  load_balancer: least-connections\n");
        new ProcessBuilder("kill", "-HUP", Long.toString(gateway.pid())).start().waitFor();

        // Then: c joins, and the gateway is still running
        await("c joined", () -> nodes().equals(List.of("a", "b", "c")));
        assertThat(gateway.isAlive()).isTrue();
        assertThat(post("/admin/reload", null).body()).isEqualTo("{\"result\":\"unchanged\",\"changes\":[]}");
    }

    @Test
    void shouldTakeARotatedKeyFileWithoutARestart() throws Exception {
        // Given: a client key read from a file in a folder of its own (a mounted Secret)
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("webui"), KEY);
        write(nodes("a", "b") + "proxy:\n  load_balancer: least-connections\nsecurity:\n  api_keys:\n"
                + "    - {name: webui, key_file: " + secrets.resolve("webui") + "}\n");
        // (the gateway's log is written in the same folder as config.yaml all along: busy, but not config.yaml)
        await("the key in place", () -> status(null) == 401);

        // When: the Secret is rotated (only the key file changes)
        String rotated = "a-rotated-client-key-for-the-test";
        Files.writeString(secrets.resolve("webui"), rotated);

        // Then: the new key is taken and the old one refused
        await("the rotated key taken", () -> status(rotated) == 200);
        assertThat(status(KEY)).isEqualTo(401);
        assertThat(log()).anyMatch(line -> line.contains("config.yaml reloaded (file changed): api_keys"));
    }

    @Test
    void shouldFollowAConfigMapUpdateTheWayTheKubeletWritesIt() throws Exception {
        // Given: a gateway reading config.yaml from a mounted ConfigMap: config.yaml -> ..data/config.yaml,
        // ..data -> ..v1 (a folder of this version)
        PackagedDrover.stop(gateway);
        Path mount = Files.createDirectories(dir.resolve("configmap"));
        Path v1 = Files.createDirectories(mount.resolve("..v1"));
        Files.writeString(v1.resolve("config.yaml"), "server:\n  port: " + port + "\n" + nodes("a", "b"));
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        Files.createSymbolicLink(mount.resolve("config.yaml"), Path.of("..data/config.yaml"));
        gateway = new PackagedDrover(dir).background(Map.of(), dir.resolve("gateway.out"), "serve", "--config",
                mount.resolve("config.yaml").toString());
        await("a and b up", () -> nodes().equals(List.of("a", "b")));

        // When: the kubelet's update: the new version in its own folder, a new link renamed over ..data, the old
        // folder removed (config.yaml itself is never written)
        long start = System.nanoTime();
        Path v2 = Files.createDirectories(mount.resolve("..v2"));
        Files.writeString(v2.resolve("config.yaml"), "server:\n  port: " + port + "\n" + nodes("a", "b", "c"));
        Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of("..v2"));
        Files.move(mount.resolve("..data_tmp"), mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.delete(v1.resolve("config.yaml"));
        Files.delete(v1);

        // Then: seen at once, not at the 10 s comparison
        await("c joined", () -> nodes().equals(List.of("a", "b", "c")));
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms from the swap to the new fleet").isLessThan(2_000);
    }

    private int status(String key) {
        try {
            return post("/api/generate", key).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private String nodes(String... names) {
        StringBuilder yaml = new StringBuilder("discovery:\n  static:\n    endpoints:\n");
        for (String name : names) {
            yaml.append("      - {name: ").append(name).append(", url: 'http://127.0.0.1:")
                    .append(ports.get(name)).append("', check_interval: 1s}\n");
        }
        return yaml.toString();
    }

    /** Writes config.yaml: {@code yaml} after the gateway's port, unless it names a port itself. */
    private void write(String yaml) throws Exception {
        Files.writeString(config, yaml.startsWith("server:") ? yaml : "server:\n  port: " + port + "\n" + yaml);
    }

    private List<String> nodes() {
        try {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(url("/internal/status")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new JsonObject(status.body()).getJsonArray("endpoints").stream()
                    .map(e -> ((JsonObject) e).getString("name")).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private String metrics() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url("/q/metrics"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private List<String> log() {
        try {
            return Files.readAllLines(dir.resolve("gateway.out"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers
                .ofString(path.startsWith("/api")
                        ? "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false,"
                                + "\"options\":{\"num_predict\":1}}"
                        : ""));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} streamed answers, each read to its end on its own; returns once each has its first line. */
    private List<CompletableFuture<List<String>>> streams(int count) throws Exception {
        List<CompletableFuture<List<String>>> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/generate")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"prompt\":\"hi " + i + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofLines());
            Iterator<String> lines = response.body().iterator();
            String first = lines.next();
            streams.add(CompletableFuture.supplyAsync(() -> {
                List<String> all = new ArrayList<>(List.of(first));
                lines.forEachRemaining(all::add);
                return all;
            }, readers));
        }
        return streams;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
