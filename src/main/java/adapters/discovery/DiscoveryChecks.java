package adapters.discovery;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
        return StaticDiscovery.validate(config.statics().endpoints().orElse(List.of()), rawValues);
    }
}
