package adapters.discovery;

import static adapters.discovery.Slices.endpoint;
import static adapters.discovery.Slices.ready;
import static adapters.discovery.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import core.fleet.Node;

/** Against the Kubernetes API as the client sees it: the fabric8 mock server, keeping what is written (CRUD). */
@EnableKubernetesMockClient(crud = true)
class KubernetesDiscoveryTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final Discovered discovered = new Discovered();
    private final Map<String, Node> fleet = discovered.nodes;
    private KubernetesDiscovery discovery;

    @AfterEach
    void stop() {
        discovery.stop();
        client.discovery().v1().endpointSlices().inNamespace("test").delete();
    }

    @Test
    void shouldFollowAServiceScaledFromTwoToFourToOne() throws Exception {
        // Given
        start("service: ollama");
        client.resource(slice("ollama-x1", "ollama", 11434, List.of(ready("ollama-0", "10.0.0.10"),
                ready("ollama-1", "10.0.0.11")))).create();
        Discovered.await(() -> fleet.keySet().equals(Set.of("ollama-0", "ollama-1")));

        // When: four, then one
        client.resource(slice("ollama-x1", "ollama", 11434, List.of(ready("ollama-0", "10.0.0.10"),
                ready("ollama-1", "10.0.0.11"), ready("ollama-2", "10.0.0.12"), ready("ollama-3", "10.0.0.13"))))
                .update();
        Discovered.await(() -> fleet.size() == 4);
        client.resource(slice("ollama-x1", "ollama", 11434, List.of(ready("ollama-2", "10.0.0.12")))).update();

        // Then
        Discovered.await(() -> fleet.keySet().equals(Set.of("ollama-2")));
        Node node = fleet.get("ollama-2");
        assertThat(node.url().toString()).isEqualTo("http://10.0.0.12:11434");
        assertThat(node.labels()).containsEntry("zone", "zone-a").containsEntry("gpu", "l4");
        assertThat(node.weight()).isEqualTo(2);
    }

    @Test
    void shouldTakeOutAnUnreadyOrTerminatingPodAndIgnoreOtherServices() throws Exception {
        // Given
        start("service: ollama");
        client.resource(slice("other-x1", "other", 11434, List.of(ready("other-0", "10.0.1.10")))).create();
        client.resource(slice("ollama-x1", "ollama", 11434, List.of(ready("ollama-0", "10.0.0.10"),
                ready("ollama-1", "10.0.0.11"), ready("ollama-2", "10.0.0.12")))).create();
        Discovered.await(() -> fleet.size() == 3);

        // When
        client.resource(slice("ollama-x1", "ollama", 11434, List.of(endpoint("ollama-0", "10.0.0.10", false, false),
                endpoint("ollama-1", "10.0.0.11", false, true), ready("ollama-2", "10.0.0.12")))).update();

        // Then
        Discovered.await(() -> fleet.keySet().equals(Set.of("ollama-2")));
    }

    @Test
    void shouldFollowSlicesByLabelsOnTheNamedPort() throws Exception {
        // Given: two services' slices carrying app=ollama, ports 8080 and 11434, the second named api
        start("label_selector: app=ollama\n    port: '11434'");
        var a = slice("a-x1", "a", 8080, List.of(ready("a-0", "10.0.0.20")));
        a.getMetadata().getLabels().put("app", "ollama");
        var b = slice("b-x1", "b", 11434, List.of(ready("b-0", "10.0.0.21")));
        b.getMetadata().getLabels().put("app", "ollama");

        // When
        client.resource(a).create();
        client.resource(b).create();

        // Then: only b has port 11434
        Discovered.await(() -> fleet.containsKey("b-0"));
        Thread.sleep(300);
        assertThat(fleet.keySet()).containsExactly("b-0");
    }

    private void start(String selection) {
        discovery = new KubernetesDiscovery(client, Discovered.settings("    namespace: test\n    " + selection
                + "\n    node: {weight: 2, labels: {gpu: l4}}\n"));
        discovery.start(discovered);
    }
}
