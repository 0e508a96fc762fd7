package adapters.discovery;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import core.fleet.Node;
import core.fleet.NodeOrigin;
import ports.out.NodeDiscovery;

/**
 * Follows the EndpointSlices of a Service (or of a label selector) through the Kubernetes API, with an informer: a
 * watch, re-listed when it breaks and every {@code resync_interval}. Every ready endpoint that is not terminating is a
 * node; one that turns unready or starts terminating leaves (its requests in flight finish). The API being away or
 * refusing (RBAC) is logged once per cause and retried; the nodes already known stay.
 */
final class KubernetesDiscovery implements NodeDiscovery, Stopping {

    private static final Logger LOG = Logger.getLogger("drover.discovery");

    private final KubernetesClient client;
    private final ClusterSettings settings;
    private final NodeTemplate template;
    private final DiscoveredNodes nodes = new DiscoveredNodes();
    private volatile SharedIndexInformer<EndpointSlice> informer;
    private volatile String lastProblem;

    KubernetesDiscovery(KubernetesClient client, ClusterSettings settings) {
        this.client = client;
        this.settings = settings;
        this.template = new NodeTemplate(settings.template());
    }

    @Override
    public NodeOrigin origin() {
        return NodeOrigin.KUBERNETES;
    }

    @Override
    public void start(Listener listener) {
        nodes.listen(listener);
        String namespace = settings.namespace() != null
                ? settings.namespace()
                : Objects.requireNonNullElse(client.getNamespace(), "default");
        informer = client.discovery().v1().endpointSlices().inNamespace(namespace).withLabels(settings.labels())
                .runnableInformer(settings.resync().toMillis());
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                sync();
            }

            @Override
            public void onUpdate(EndpointSlice before, EndpointSlice after) {
                sync();
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
                sync();
            }
        });
        informer.exceptionHandler((started, error) -> {
            String problem = problem(error);
            if (!problem.equals(lastProblem)) {
                lastProblem = problem;
                LOG.warnf("discovery.kubernetes: %s (namespace %s); retrying, the %d node(s) found so far stay",
                        problem, namespace, nodes.size());
            }
            return true;
        });
        informer.start().whenComplete((v, error) -> {
            if (error == null) {
                LOG.infof("discovery.kubernetes: following EndpointSlices %s in namespace %s", settings.labels(),
                        namespace);
            }
        });
    }

    /** Stops the watch (at shutdown). */
    @Override
    public void stop() {
        SharedIndexInformer<EndpointSlice> running = informer;
        if (running != null) {
            running.stop();
        }
    }

    private void sync() {
        if (lastProblem != null) {
            LOG.infof("discovery.kubernetes: the API answers again");
            lastProblem = null;
        }
        nodes.offer(nodes(informer.getStore().list(), settings.port(), template));
    }

    /**
     * The nodes {@code slices} hold: every ready, not terminating endpoint, on the slice's port named or numbered
     * {@code port} (null: the slice's only port, else 11434), named after its pod. IPv4 slices are read first, so a
     * dual-stack pod is one node at its IPv4 address.
     */
    static Map<String, Node> nodes(List<EndpointSlice> slices, String port, NodeTemplate template) {
        Map<String, Node> found = new LinkedHashMap<>();
        slices.stream().filter(s -> !"FQDN".equals(s.getAddressType()))
                .sorted(Comparator.comparing((EndpointSlice s) -> !"IPv4".equals(s.getAddressType()))
                        .thenComparing(s -> s.getMetadata().getName()))
                .forEach(slice -> {
                    Integer number = port(slice, port);
                    if (number == null || slice.getEndpoints() == null) {
                        return;
                    }
                    String service = slice.getMetadata().getLabels() == null
                            ? null
                            : slice.getMetadata().getLabels().get(ClusterSettings.SERVICE_LABEL);
                    for (Endpoint endpoint : slice.getEndpoints()) {
                        if (!serving(endpoint.getConditions()) || endpoint.getAddresses() == null
                                || endpoint.getAddresses().isEmpty()) {
                            continue;
                        }
                        String address = endpoint.getAddresses().get(0);
                        String pod = endpoint.getTargetRef() == null ? null : endpoint.getTargetRef().getName();
                        String name = NodeTemplate.name(pod, service == null ? "node" : service, address);
                        found.putIfAbsent(name, template.node(name, address, number, endpoint.getZone()));
                    }
                });
        return found;
    }

    /** Ready (unknown counts as ready, as Kubernetes documents) and not terminating. */
    private static boolean serving(EndpointConditions conditions) {
        return conditions == null
                || !Boolean.FALSE.equals(conditions.getReady()) && !Boolean.TRUE.equals(conditions.getTerminating());
    }

    private static Integer port(EndpointSlice slice, String wanted) {
        List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
        if (wanted == null) {
            return ports.size() == 1 && ports.get(0).getPort() != null ? ports.get(0).getPort() : 11434;
        }
        for (EndpointPort p : ports) {
            if (wanted.equals(p.getName()) || p.getPort() != null && wanted.equals(p.getPort().toString())) {
                return p.getPort();
            }
        }
        return null;
    }

    private static String problem(Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        if (message.contains("Forbidden") || message.contains("403")) {
            return "the service account may not list and watch EndpointSlices (RBAC: get, list, watch on"
                    + " discovery.k8s.io endpointslices): " + message;
        }
        return message;
    }
}
