package adapters.discovery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import adapters.config.ConfigChecks;
import adapters.config.DiscoveryConfig;
import adapters.config.InvalidConfigException;
import core.fleet.Node;

/**
 * The rules of {@code discovery:} in config.yaml, in one place: the producer applies them when the gateway starts, and
 * {@code drover serve} and {@code drover config check} before the framework starts. Throws
 * {@link InvalidConfigException} naming the key.
 */
public final class DiscoveryChecks {

    private DiscoveryChecks() {
    }

    /** {@code rawValues}: a key's value as written, before {@code ${VAR}} expansion (null if unset). */
    public static List<Node> check(DiscoveryConfig config, UnaryOperator<String> rawValues) {
        if (config.relay().enabled()) {
            String secret = config.relay().secret().orElse("");
            if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new InvalidConfigException("discovery.relay.secret", secret.isEmpty() ? "" : "<hidden>",
                        "required with discovery.relay.enabled: true, at least 32 bytes (write ${ENV_VAR})");
            }
        }
        ConfigChecks.positive("discovery.model_refresh_interval", config.modelRefreshInterval());
        DiscoveryConfig.Health health = config.health();
        ConfigChecks.atLeastOne("discovery.health.unhealthy_threshold", health.unhealthyThreshold());
        ConfigChecks.atLeastOne("discovery.health.healthy_threshold", health.healthyThreshold());
        ConfigChecks.positive("discovery.health.max_backoff", health.maxBackoff());
        cluster(config.kubernetes());
        return StaticDiscovery.validate(config.statics().endpoints().orElse(List.of()), rawValues);
    }

    /** {@code discovery.kubernetes} checked; null when it is off. */
    static ClusterSettings cluster(DiscoveryConfig.Kubernetes k) {
        if (!k.enabled()) {
            return null;
        }
        String key = "discovery.kubernetes.";
        DiscoveryConfig.NodeTemplate node = k.node();
        StaticDiscovery.checkNode(key + "node", node);
        String port = k.port().map(String::strip).orElse(null);
        if (k.mode() == DiscoveryConfig.KubernetesMode.DNS) {
            String name = k.dnsName().map(String::strip).filter(n -> !n.isEmpty()).orElseThrow(
                    () -> new InvalidConfigException(key + "dns_name", "", "required with mode: dns (the headless"
                            + " Service's name, such as ollama.llm.svc.cluster.local)"));
            if (port != null && !port.matches("\\d{1,5}")) {
                throw new InvalidConfigException(key + "port", port, "a port number with mode: dns");
            }
            String server = k.dnsServer().map(String::strip).orElse(null);
            if (server != null && !server.matches(".+:\\d{1,5}")) {
                throw new InvalidConfigException(key + "dns_server", server, "write it as host:port");
            }
            return new ClusterSettings(k.mode(), null, Map.of(), port,
                    ConfigChecks.positive(key + "dns_interval", k.dnsInterval()), name, server, node);
        }
        if (k.service().isPresent() == k.labelSelector().isPresent()) {
            throw new InvalidConfigException(key + "service", k.service().orElse(""), "give the Service to follow,"
                    + " or label_selector, not both");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        k.service().ifPresent(service -> labels.put(ClusterSettings.SERVICE_LABEL, service.strip()));
        k.labelSelector().ifPresent(selector -> {
            for (String pair : selector.split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank() || kv[0].endsWith("!")) {
                    throw new InvalidConfigException(key + "label_selector", selector, "write labels as"
                            + " name=value[,name=value] (equality only)");
                }
                labels.put(kv[0].strip(), kv[1].strip());
            }
        });
        return new ClusterSettings(k.mode(), k.namespace().map(String::strip).orElse(null), labels, port,
                ConfigChecks.positive(key + "resync_interval", k.resyncInterval()), null, null, node);
    }
}
