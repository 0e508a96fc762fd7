package adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import adapters.config.DiscoveryConfig;
import core.fleet.Node;
import core.fleet.NodeType;
import ports.out.NodeDiscovery;

/** DNS mode against a DNS server on this machine that answers for one name. */
class DnsDiscoveryTest {

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Node> fleet = new ConcurrentHashMap<>();
    private TinyDns dns;
    private DnsDiscovery discovery;

    @AfterEach
    void stop() {
        discovery.stop();
        dns.close();
        vertx.close();
    }

    @Test
    void shouldFollowTheAddressesOfANameAndKeepThemWhileTheServerDoesNotAnswer() throws Exception {
        // Given: two pods behind the headless Service
        dns = new TinyDns();
        dns.addresses = List.of("10.0.0.10", "10.0.0.11");
        start();
        await(() -> fleet.keySet().equals(Set.of("ollama-10-0-0-10", "ollama-10-0-0-11")));
        assertThat(fleet.get("ollama-10-0-0-10").url().toString()).isEqualTo("http://10.0.0.10:11434");

        // When: scaled to three, then the server stops answering
        dns.addresses = List.of("10.0.0.10", "10.0.0.11", "10.0.0.12");
        await(() -> fleet.size() == 3);
        dns.silent = true;
        Thread.sleep(2_500);

        // Then: a lookup that failed changes nothing
        assertThat(fleet).hasSize(3);
    }

    @Test
    void shouldHaveNoNodesOnceTheNameIsGone() throws Exception {
        // Given
        dns = new TinyDns();
        dns.addresses = List.of("10.0.0.10");
        start();
        await(() -> fleet.size() == 1);

        // When: the Service is deleted (NXDOMAIN)
        dns.exists = false;

        // Then
        await(fleet::isEmpty);
    }

    private void start() {
        DiscoveryConfig.NodeTemplate template = new DiscoveryConfig.NodeTemplate() {
            @Override
            public NodeType type() {
                return NodeType.OLLAMA;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public int maxConcurrency() {
                return 0;
            }

            @Override
            public int weight() {
                return 1;
            }

            @Override
            public int numParallel() {
                return 1;
            }

            @Override
            public Duration checkInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration checkTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Map<String, String> labels() {
                return Map.of();
            }
        };
        discovery = new DnsDiscovery(vertx, new ClusterSettings(DiscoveryConfig.KubernetesMode.DNS, null, Map.of(),
                null, Duration.ofMillis(200), "ollama.llm.svc.cluster.local", "127.0.0.1:" + dns.port(), template));
        discovery.start(new NodeDiscovery.Listener() {
            @Override
            public void added(Node node) {
                fleet.put(node.name(), node);
            }

            @Override
            public void removed(String name) {
                fleet.remove(name);
            }
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
