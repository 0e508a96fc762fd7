package adapters.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code proxy:} in config.yaml: which engine and balancer, and the timeouts towards nodes. */
@ConfigMapping(prefix = "proxy", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ProxyConfig {

    @WithDefault("plain")
    EngineKind engine();

    @WithDefault("least-connections")
    BalancerKind loadBalancer();

    /** Time allowed to open a TCP connection to a node. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed until the node's first byte: covers cold model loads and Ollama's own queue. */
    @WithDefault("10m")
    Duration firstByteTimeout();

    /** Longest silence between two chunks of a streamed answer. */
    @WithDefault("2m")
    Duration idleTimeout();

    /**
     * Nodes tried at most for one request that fails before its first byte (refused, reset, 5xx, timed out), each a
     * different candidate; 1 disables retries.
     */
    @WithDefault("3")
    int maxAttempts();

    /** The proxy engines config.yaml can name ({@code proxy.engine}). */
    enum EngineKind {
        PLAIN
    }

    /** The balancers config.yaml can name ({@code proxy.load_balancer}). */
    enum BalancerKind {
        PRIORITY, ROUND_ROBIN, LEAST_CONNECTIONS
    }
}
