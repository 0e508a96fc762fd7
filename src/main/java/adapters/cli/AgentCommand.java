package adapters.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.vertx.core.Vertx;

import adapters.relay.agent.HeartbeatSender;
import adapters.relay.agent.RelayAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover agent}: a node behind NAT dials the gateway and serves its local Ollama through the link. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Dial a Drover gateway's relay and serve the local Ollama through it.")
final class AgentCommand implements Callable<Integer> {

    @Option(names = "--gateway", required = true, paramLabel = "URL", description = "the gateway, e.g. wss://drover.example.com or ws://10.0.0.5:11435")
    String gateway;

    @Option(names = "--token", paramLabel = "TOKEN", description = "enrollment token from 'drover token create' (default: $DROVER_AGENT_TOKEN, which keeps it out of shell history)")
    String token;

    @Option(names = "--ollama", defaultValue = "http://127.0.0.1:11434", paramLabel = "URL", description = "the local Ollama to serve (default: ${DEFAULT-VALUE})")
    String ollama;

    @Option(names = "--name", paramLabel = "NAME", description = "this node's name in the fleet (default: the host name)")
    String name;

    @Option(names = "--advertise", paramLabel = "URL", description = "this node is reachable at URL: register it by heartbeat instead of relaying")
    String advertise;

    @Option(names = "--heartbeat-interval", defaultValue = "10", paramLabel = "SECONDS", description = "with --advertise: seconds between heartbeats (default: ${DEFAULT-VALUE})")
    long heartbeatSeconds;

    @Option(names = "--drain-timeout", defaultValue = "25", paramLabel = "SECONDS", description = "on SIGTERM, how long requests in flight may take to finish (default: ${DEFAULT-VALUE})")
    long drainSeconds;

    @Option(names = "--capacity", defaultValue = "0", paramLabel = "N", description = "requests the gateway may send at once; 0 = no limit (default: ${DEFAULT-VALUE})")
    int capacity;

    @Override
    public Integer call() throws InterruptedException {
        String enrollment = token != null ? token : System.getenv("DROVER_AGENT_TOKEN");
        if (enrollment == null || enrollment.isBlank()) {
            System.err.println("drover: agent needs an enrollment token: --token or DROVER_AGENT_TOKEN");
            return 2;
        }
        URI gatewayUrl;
        URI ollamaUrl;
        try {
            gatewayUrl = new URI(gateway.strip().replaceFirst("^http", "ws"));
            ollamaUrl = new URI(ollama.strip());
        } catch (URISyntaxException e) {
            System.err.println("drover: not a URL: " + e.getInput());
            return 2;
        }
        if (gatewayUrl.getHost() == null || ollamaUrl.getHost() == null) {
            System.err.println("drover: --gateway and --ollama need absolute URLs with a host");
            return 2;
        }
        String node = name != null ? name : hostName();
        Vertx vertx = Vertx.vertx();
        if (advertise != null) {
            return advertise(vertx, gatewayUrl, enrollment, node);
        }
        RelayAgent agent = new RelayAgent(vertx, new RelayAgent.Settings(gatewayUrl, enrollment, ollamaUrl, node,
                Math.max(0, capacity), new VersionProvider().getVersion()[0].replaceFirst("^drover ", "")));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!agent.drain(java.time.Duration.ofSeconds(drainSeconds))) {
                    System.err.println("drover: agent stopped with requests still running (--drain-timeout)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                agent.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().join();
            stop.countDown();
        }, "drover-agent-stop"));
        agent.start();
        stop.await();
        return 0;
    }

    private int advertise(Vertx vertx, URI gatewayUrl, String enrollment, String node) throws InterruptedException {
        URI advertised;
        try {
            advertised = new URI(advertise.strip());
        } catch (URISyntaxException e) {
            System.err.println("drover: --advertise: not a URL: " + advertise);
            return 2;
        }
        HeartbeatSender heartbeats = new HeartbeatSender(vertx, URI.create(gatewayUrl.toString().replaceFirst("^ws",
                "http")), enrollment, node, advertised, java.time.Duration.ofSeconds(Math.max(1, heartbeatSeconds)));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            heartbeats.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            stop.countDown();
        }, "drover-heartbeat-stop"));
        heartbeats.start();
        stop.await();
        return 0;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "agent";
        }
    }
}
