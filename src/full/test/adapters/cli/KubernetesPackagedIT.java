package adapters.cli;

import static adapters.discovery.Slices.endpoint;
import static adapters.discovery.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import adapters.discovery.Slices;
import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;

/**
 * discovery.kubernetes on the packaged jar, against an API server that keeps what is written (the fabric8 mock in CRUD
 * mode): a Service of simulated pods scaled 2 -> 4 -> 1 shows in /internal/status within 5 s each time, streams on
 * the pods that terminate finish, and a pod that turns unready leaves rotation.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesPackagedIT {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final List<SimulatedOllama> pods = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private Process gateway;
    private int port;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        pods.forEach(SimulatedOllama::close);
        readers.shutdownNow();
        vertx.close();
    }

    @Test
    void shouldFollowAServiceScaledUpAndDownAndLetTheStreamsOfTerminatingPodsFinish() throws Exception {
        // Given: four simulated pods (10 s answers), two of them in the Service, and the gateway following it
        for (int i = 0; i < 4; i++) {
            pods.add(SimulatedOllama.start(vertx, SimSettings.named("ollama-" + i).withModels(List.of("llama3.2"))
                    .withTokens(25, Duration.ofMillis(400)).withParallel(64)));
        }
        scale(ready(0), ready(1));
        start();
        long at = System.nanoTime();
        awaitNodes(List.of("ollama-0", "ollama-1"));
        long first = millisSince(at);

        // When: scaled to 4
        at = System.nanoTime();
        scale(ready(0), ready(1), ready(2), ready(3));
        awaitNodes(List.of("ollama-0", "ollama-1", "ollama-2", "ollama-3"));
        long up = millisSince(at);

        // ... 16 streams go to the four pods, then 3 of them terminate (scaled to 1)
        List<CompletableFuture<List<String>>> streams = streams(16);
        int leaving = pods.subList(1, 4).stream().mapToInt(pod -> pod.stats().active()).sum();
        at = System.nanoTime();
        scale(ready(0), terminating(1), terminating(2), terminating(3));
        awaitNodes(List.of("ollama-0"));
        long down = millisSince(at);

        // Then: every stream ends with done:true, and new requests go to the pod left
        for (CompletableFuture<List<String>> stream : streams) {
            List<String> lines = stream.get(60, TimeUnit.SECONDS);
            assertThat(lines.get(lines.size() - 1)).contains("\"done\":true");
        }
        assertThat(leaving).as("streams on the pods that terminated").isPositive();
        HttpResponse<String> after = generate();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("X-Drover-Endpoint")).contains("ollama-0");

        // When: the last pod turns unready
        scale(endpoint("ollama-0", "127.0.0.1", false, false));

        // Then: out of rotation
        awaitNodes(List.of());
        assertThat(generate().statusCode()).as("no node has the model now").isIn(404, 503);
        System.out.printf("kubernetes discovery: 2 pods shown in %d ms, 4 in %d ms, 1 in %d ms%n", first, up, down);
        assertThat(List.of(up, down)).as("ms until the status shows a scaling").allMatch(ms -> ms < 5_000);
    }

    private static Endpoint ready(int pod) {
        return Slices.ready("ollama-" + pod, "127.0.0.1");
    }

    private static Endpoint terminating(int pod) {
        return endpoint("ollama-" + pod, "127.0.0.1", false, true);
    }

    /** One EndpointSlice per pod (each simulated pod listens on a port of its own), as the Service now has them. */
    private void scale(Endpoint... endpoints) {
        List<String> kept = new ArrayList<>();
        for (Endpoint e : endpoints) {
            String pod = e.getTargetRef().getName();
            int index = Integer.parseInt(pod.substring(pod.lastIndexOf('-') + 1));
            kept.add("ollama-" + index);
            client.resource(slice("ollama-" + index, "ollama", pods.get(index).port(), List.of(e))).inNamespace("test")
                    .createOr(existing -> existing.update());
        }
        client.discovery().v1().endpointSlices().inNamespace("test").list().getItems().stream()
                .filter(s -> !kept.contains(s.getMetadata().getName()))
                .forEach(s -> client.resource(s).inNamespace("test").delete());
    }

    private void start() throws Exception {
        port = PackagedDrover.freePort();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "server:\n  port: " + port + "\ndiscovery:\n  kubernetes:\n    enabled: true\n"
                + "    service: ollama\n    namespace: test\n    node: {check_interval: 1s}\n");
        gateway = new PackagedDrover(dir).background(Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL",
                "http://" + server.getHostName() + ":" + server.getPort()), dir.resolve("gateway.out"), "serve",
                "--config", config.toString());
    }

    private void awaitNodes(List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!nodes().equals(names)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status shows " + nodes() + ", not " + names);
            }
            Thread.sleep(20);
        }
    }

    /** The routable nodes in /internal/status. */
    private List<String> nodes() {
        try {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(url("/internal/status")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new JsonObject(status.body()).getJsonArray("endpoints").stream().map(e -> (JsonObject) e)
                    .filter(e -> "up".equals(e.getString("status"))).map(e -> e.getString("name")).sorted().toList();
        } catch (Exception e) {
            return List.of("(not answering)");
        }
    }

    private HttpResponse<String> generate() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/generate"))).POST(HttpRequest.BodyPublishers
                .ofString(
                        "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_predict\":1}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<CompletableFuture<List<String>>> streams(int count) throws Exception {
        List<CompletableFuture<List<String>>> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/generate")))
                    .header("X-Drover-Session", "s" + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"prompt\":\"hi " + i + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofLines());
            Iterator<String> lines = response.body().iterator();
            String first = lines.next();
            Supplier<List<String>> rest = () -> {
                List<String> all = new ArrayList<>(List.of(first));
                lines.forEachRemaining(all::add);
                return all;
            };
            streams.add(CompletableFuture.supplyAsync(rest, readers));
        }
        return streams;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
