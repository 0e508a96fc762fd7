package adapters.discovery;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.client.KubernetesClient;

import ports.out.NodeDiscovery;

/** The full build's {@link ApiDiscoveries}: EndpointSlices through the Kubernetes client, built on first use only. */
@Singleton
class KubernetesApi implements ApiDiscoveries {

    private final Instance<KubernetesClient> client;

    KubernetesApi(Instance<KubernetesClient> client) {
        this.client = client;
    }

    @Override
    public NodeDiscovery follow(ClusterSettings settings) {
        return new KubernetesDiscovery(client.get(), settings);
    }
}
