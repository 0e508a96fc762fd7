package adapters.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover demo}: the gateway plus three simulated nodes in one process, and curl lines to try. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the gateway in front of three simulated Ollama nodes, in one process.")
final class DemoCommand implements Callable<Integer> {

    private static final List<Node> NODES = List.of(
            new Node("gpu-a", 100, List.of("llama3.2:latest", "qwen3:8b")),
            new Node("gpu-b", 100, List.of("llama3.2:latest", "all-minilm:latest")),
            new Node("laptop", 10, List.of("llama3.2:latest", "phi3:mini")));

    @Option(names = "--port", defaultValue = "11435", description = "gateway port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--token-ms", defaultValue = "60", description = "delay per simulated token in ms (default: ${DEFAULT-VALUE})")
    long tokenMs;

    @Override
    public Integer call() {
        Vertx vertx = Vertx.vertx();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        // The demo keeps nothing: its database lives in a temporary folder, so it never meets a gateway's ./data.
        Path data;
        try {
            data = Files.createTempDirectory("drover-demo-");
        } catch (IOException e) {
            System.err.println("drover: cannot create a temporary folder for the demo: " + e.getMessage());
            return 1;
        }
        properties.put("database.path", data.toString());
        for (int i = 0; i < NODES.size(); i++) {
            Node node = NODES.get(i);
            SimSettings settings = SimSettings.named(node.name()).withModels(node.models())
                    .withTokens(24, Duration.ofMillis(tokenMs)).withLoadDelay(Duration.ofMillis(800)).withParallel(2);
            SimulatedOllama sim = SimulatedOllama.start(vertx, settings);
            String key = "discovery.static.endpoints[" + i + "].";
            properties.put(key + "name", node.name());
            properties.put(key + "url", sim.url());
            properties.put(key + "priority", Integer.toString(node.priority()));
            properties.put(key + "check_interval", "2s");
            System.out.printf("simulated node %-7s %s  models: %s%n", node.name(), sim.url(),
                    String.join(", ", node.models()));
        }
        // One alias, so the model routes can be tried: "chat" stands for llama3.2, falling back to phi3:mini.
        properties.put("models[0].name", "chat");
        properties.put("models[0].model", "llama3.2");
        properties.put("models[0].fallbacks[0]", "phi3:mini");
        // Something already on the port (a demo started twice) would answer for this one, which is about to fail.
        if (!listening(port)) {
            Thread announcer = new Thread(this::printTryLines, "drover-demo-announcer");
            announcer.setDaemon(true);
            announcer.start();
        }
        int code = GatewayLauncher.run(null, properties);
        vertx.close();
        delete(data);
        return code;
    }

    /**
     * Waits for the gateway to start and its fleet to list models (ready means the gateway takes requests, not that its
     * nodes have answered their first probe), so the first line a newcomer tries shows them. False when the gateway
     * never answered (its start failed, and said why).
     */
    private static boolean awaitModels(String base) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest tags = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/tags"))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean answered = false;
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(tags, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                answered = true;
                if (body.contains("\"name\"")) {
                    return true;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                sleepQuietly(); // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return answered;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it up eventually
        }
    }

    private void printTryLines() {
        String base = "http://localhost:" + port;
        if (!awaitModels(base)) {
            return;
        }
        System.out.println();
        System.out.println("Drover demo is up on " + base + ". Try:");
        System.out.println("  curl " + base + "/api/tags");
        System.out.println("  curl " + base
                + "/api/chat -d '{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'");
        System.out.println("  curl " + base
                + "/api/generate -d '{\"model\":\"qwen3:8b\",\"prompt\":\"why is the sky blue?\",\"stream\":false}'");
        System.out.println("  curl " + base + "/api/embed -d '{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"]}'");
        System.out.println("  curl -i " + base + "/api/chat -d '{\"model\":\"chat\",\"stream\":false,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'   (an alias of llama3.2)");
        System.out.println("  curl " + base + "/api/ps");
        System.out.println("  curl " + base + "/internal/status");
        System.out
                .println("  curl -i " + base + "/api/pull -H 'X-Drover-Endpoint: laptop' -d '{\"model\":\"gemma3\"}'");
        System.out.println("  curl " + base + "/api/pull -H 'X-Drover-Endpoint: *' -d '{\"model\":\"gemma3\"}'"
                + "   (every node at once, one merged progress)");
        System.out.println("  OLLAMA_HOST=" + base + " ollama run llama3.2   (with the ollama CLI installed)");
        System.out.println("And watch the fleet live in a browser on this machine: " + base + "/dashboard/");
        System.out.println("Stop with Ctrl-C.");
    }

    private record Node(String name, int priority, List<String> models) {
    }
}
