package adapters.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code proxy:} in config.yaml: which engine and balancer, and the timeouts towards nodes. */
@ConfigMapping(prefix = "proxy", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ProxyConfig {

    @WithDefault("circuit-breaking")
    EngineKind engine();

    /** {@code warm-first} won the routing benchmark (bench/README.md) and loses nowhere else. */
    @WithDefault("warm-first")
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

    /** Longest whole exchange with a node, first byte to last; 0 = no limit (a long generation is legitimate). */
    @WithDefault("0s")
    Duration totalTimeout();

    /**
     * Nodes tried at most for one request that fails before its first byte (refused, reset, 5xx, timed out), each a
     * different candidate; 1 disables retries.
     */
    @WithDefault("3")
    int maxAttempts();

    /** {@code proxy.tls}: how Drover checks the certificates of {@code https://} nodes. */
    Tls tls();

    /**
     * {@code ca_file}: PEM certificate(s) of the CA that signed the nodes' certificates (used instead of the JVM's
     * trust store for node connections); {@code insecure_skip_verify}:
     * trust any certificate and host name (for a lab only; warned about on every start).
     */
    interface Tls {

        Optional<String> caFile();

        @WithDefault("false")
        boolean insecureSkipVerify();
    }

    /** {@code proxy.queue}: requests waiting while every node that could serve them is at max_concurrency. */
    Queue queue();

    /**
     * Bounded like Ollama's own queue (OLLAMA_MAX_QUEUE, 512); a wait longer than {@code max_wait} answers 429;
     * every {@code ageing} waited raises a request's priority by one, so low priority cannot starve.
     */
    interface Queue {

        @WithDefault("512")
        int maxSize();

        @WithDefault("60s")
        Duration maxWait();

        @WithDefault("5s")
        Duration ageing();
    }

    /** {@code proxy.affinity}: keeping a conversation on the node that holds its prompt in cache. */
    Affinity affinity();

    /**
     * A session (named by {@code X-Drover-Session}, {@code prompt_cache_key}, {@code user}, an agent's session
     * header, or its opening messages) goes back to the node it last used for the model while that node can take it
     * and stays within {@code load_factor} times its share of the requests in flight; a pin expires {@code ttl}
     * after its last use; at most {@code max_sessions} are remembered, the least recently used forgotten first.
     */
    interface Affinity {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("15m")
        Duration ttl();

        @WithDefault("10000")
        int maxSessions();

        @WithDefault("1.25")
        double loadFactor();
    }

    /** {@code proxy.circuit_breaker}: used by the circuit-breaking engine, one breaker per node. */
    CircuitBreaker circuitBreaker();

    /**
     * A node's breaker opens when at least {@code failure_ratio} of its last {@code window} requests failed
     * (connection failures, timeouts and 5xx; never a client's 4xx), stays open for {@code delay}, then lets trial
     * requests through: {@code success_threshold} successes close it, one failure opens it again.
     */
    interface CircuitBreaker {

        @WithDefault("10")
        int window();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("30s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

    /** The proxy engines config.yaml can name ({@code proxy.engine}). */
    enum EngineKind {
        PLAIN, CIRCUIT_BREAKING
    }

    /** The balancers config.yaml can name ({@code proxy.load_balancer}). */
    enum BalancerKind {
        PRIORITY, ROUND_ROBIN, LEAST_CONNECTIONS, WARM_FIRST
    }
}
