package adapters.discovery;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

/** EndpointSlices as Kubernetes writes them for a Service's pods, for discovery tests. */
public final class Slices {

    private Slices() {
    }

    /** A ready pod's endpoint. */
    public static Endpoint ready(String pod, String address) {
        return endpoint(pod, address, true, false);
    }

    public static Endpoint endpoint(String pod, String address, boolean ready, boolean terminating) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).withServing(ready
                || terminating).withTerminating(terminating).endConditions().withNewTargetRef().withKind("Pod")
                .withName(pod).endTargetRef().withZone("zone-a").build();
    }

    /** The slice {@code name} of {@code service}, port {@code port} named http. */
    public static EndpointSlice slice(String name, String service, int port, List<Endpoint> endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withLabels(Map.of(
                ClusterSettings.SERVICE_LABEL, service)).endMetadata().withAddressType("IPv4").addNewPort()
                .withName("http").withPort(port).withProtocol("TCP").endPort().withEndpoints(endpoints).build();
    }
}
