package adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import core.fleet.Node;

/** DNS mode against a DNS server on this machine that answers for one name. */
class DnsDiscoveryTest {

    private final Vertx vertx = Vertx.vertx();
    private final Discovered discovered = new Discovered();
    private final Map<String, Node> fleet = discovered.nodes;
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
        Discovered.await(() -> fleet.keySet().equals(Set.of("ollama-10-0-0-10", "ollama-10-0-0-11")));
        assertThat(fleet.get("ollama-10-0-0-10").url().toString()).isEqualTo("http://10.0.0.10:11434");

        // When: scaled to three, then the server stops answering
        dns.addresses = List.of("10.0.0.10", "10.0.0.11", "10.0.0.12");
        Discovered.await(() -> fleet.size() == 3);
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
        Discovered.await(() -> fleet.size() == 1);

        // When: the Service is deleted (NXDOMAIN)
        dns.exists = false;

        // Then
        Discovered.await(fleet::isEmpty);
    }

    private void start() {
        discovery = new DnsDiscovery(vertx,
                Discovered.settings("    mode: dns\n    dns_name: ollama.llm.svc.cluster.local\n"
                        + "    dns_server: 127.0.0.1:" + dns.port() + "\n    dns_interval: 200ms\n"));
        discovery.start(discovered);
    }
}
