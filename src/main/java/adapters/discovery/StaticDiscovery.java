package adapters.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import adapters.config.ConfigChecks;
import adapters.config.DiscoveryConfig.EndpointConfig;
import adapters.config.DiscoveryConfig.NodeTemplate;
import adapters.config.InvalidConfigException;
import core.fleet.Credential;
import core.fleet.Node;
import core.fleet.NodeOrigin;
import ports.out.NodeDiscovery;

/** The nodes listed under {@code discovery.static.endpoints}, validated when built, announced once at start. */
final class StaticDiscovery implements NodeDiscovery {

    private static final String KEY = "discovery.static.endpoints";

    private final List<Node> endpoints;

    /** Nodes already checked by {@link DiscoveryChecks}. */
    StaticDiscovery(List<Node> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public void start(Listener listener) {
        endpoints.forEach(listener::added);
    }

    @Override
    public NodeOrigin origin() {
        return NodeOrigin.CONFIG;
    }

    List<Node> endpoints() {
        return endpoints;
    }

    static List<Node> validate(List<EndpointConfig> configs, UnaryOperator<String> rawValues) {
        List<Node> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            EndpointConfig c = configs.get(i);
            String key = KEY + "[" + i + "]";
            if (c.name().isBlank()) {
                throw new InvalidConfigException(key + ".name", c.name(), "must not be empty");
            }
            if (!names.add(c.name())) {
                throw new InvalidConfigException(key + ".name", c.name(), "duplicate endpoint name");
            }
            URI url = url(key + ".url", c.url());
            String healthPath = c.healthPath().map(String::strip).orElse(null);
            if (healthPath != null && !healthPath.startsWith("/")) {
                throw new InvalidConfigException(key + ".health_path", healthPath, "must start with '/'");
            }
            checkNode(key, c);
            Credential credential = c.auth().map(auth -> Credentials.of(key + ".auth", auth, rawValues)).orElse(null);
            Map<String, String> labels = c.labels();
            result.add(new Node(c.name(), url, c.type(), c.priority(), c.maxConcurrency(), c.checkInterval(),
                    c.checkTimeout(), healthPath, credential, c.weight(), c.numParallel(), labels));
        }
        return List.copyOf(result);
    }

    /** The rules of what a node is, for a static endpoint and for {@code discovery.kubernetes.node} alike. */
    static void checkNode(String key, NodeTemplate node) {
        ConfigChecks.nonNegative(key + ".max_concurrency", node.maxConcurrency());
        ConfigChecks.within(key + ".weight", node.weight(), 1, 1000);
        ConfigChecks.within(key + ".num_parallel", node.numParallel(), 1, 1000);
        ConfigChecks.positive(key + ".check_interval", node.checkInterval());
        ConfigChecks.positive(key + ".check_timeout", node.checkTimeout());
        node.labels().forEach((name, value) -> {
            if (!Node.PLAIN_NAME.matcher(name).matches() || !Node.PLAIN_NAME.matcher(value).matches()) {
                throw new InvalidConfigException(key + ".labels." + name, value, "label names and values are"
                        + " letters, digits, '.', '_' and '-', up to 63");
            }
        });
    }

    private static URI url(String key, String value) {
        try {
            URI url = new URI(value.strip());
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new InvalidConfigException(key, value, "must be an absolute http:// or https:// URL with a host");
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new InvalidConfigException(key, value, "must not carry a query or fragment");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(key, value, "malformed URL (" + e.getReason() + ")");
        }
    }

}
