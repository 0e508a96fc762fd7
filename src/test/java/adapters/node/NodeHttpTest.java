package adapters.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;
import core.fleet.Node;
import core.fleet.NodeType;

/** The control-plane client reads every answer whole, whichever thread asks. */
class NodeHttpTest {

    private final Vertx vertx = Vertx.vertx();
    private final Vertx nodes = Vertx.vertx();
    private final NodeHttp http = new NodeHttp(vertx, (endpoint, request) -> {
        throw new AssertionError("no relay here");
    });
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        http.close();
        vertx.close();
        nodes.close();
    }

    @Test
    void shouldReadEveryAnswerWholeWhenAskedFromOutsideTheEventLoops() throws InterruptedException {
        // Given: four nodes probed back to back from a scheduler thread, as the health checker does
        NodeProbe probe = new NodeProbe(http);
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        for (Node node : fourNodes()) {
            Runnable[] next = new Runnable[1];
            next[0] = () -> probe.check(node, NodeType.OLLAMA).whenComplete((report, error) -> {
                if (error == null) {
                    answered.incrementAndGet();
                } else {
                    failures.computeIfAbsent(error.getMessage(), k -> new AtomicInteger()).incrementAndGet();
                }
                if (!scheduler.isShutdown()) {
                    scheduler.schedule(next[0], 1, TimeUnit.MILLISECONDS);
                }
            });
            scheduler.execute(next[0]);
        }

        // When: about 20,000 probes (a race in how the answer was read lost about one in a thousand bodies)
        Thread.sleep(6000);
        scheduler.shutdown();

        // Then
        assertThat(failures).isEmpty();
        assertThat(answered.get()).as("probes answered: too few to show anything").isGreaterThan(5000);
    }

    private List<Node> fourNodes() {
        List<Node> result = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SimulatedOllama sim = SimulatedOllama.start(nodes, SimSettings.named("n" + i).withModels(List.of("m")));
            result.add(new Node("n" + i, URI.create(sim.url()), NodeType.OLLAMA, 0, 0, Duration.ofSeconds(5),
                    Duration.ofSeconds(1)));
        }
        return result;
    }
}
