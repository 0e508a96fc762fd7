package adapters.discovery;

import ports.out.NodeDiscovery;

/**
 * Discovery through the Kubernetes API ({@code discovery.kubernetes.mode: api}): the full build's (KubernetesApi, in
 * src/full, with the Kubernetes client); the standard build has none, and its config check refuses the mode
 * ({@link adapters.config.BuildContents}).
 */
interface ApiDiscoveries {

    NodeDiscovery follow(ClusterSettings settings);
}
