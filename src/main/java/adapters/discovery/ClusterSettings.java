package adapters.discovery;

import java.time.Duration;
import java.util.Map;

import adapters.config.DiscoveryConfig;

/**
 * {@code discovery.kubernetes} once checked: the namespace (null: the gateway's own), the EndpointSlice labels to
 * follow, the port (a name or number; null: the slice's only port), how often to re-list or re-resolve, the DNS
 * name and server (dns mode; server null: the system's), and what each node is.
 */
record ClusterSettings(DiscoveryConfig.KubernetesMode mode, String namespace, Map<String, String> labels,
        String port, Duration resync, String dnsName, String dnsServer, DiscoveryConfig.NodeTemplate template) {

    /** The label Kubernetes puts on a Service's EndpointSlices. */
    static final String SERVICE_LABEL = "kubernetes.io/service-name";

    ClusterSettings {
        labels = Map.copyOf(labels);
    }
}
