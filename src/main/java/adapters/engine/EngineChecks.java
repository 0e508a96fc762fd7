package adapters.engine;

import adapters.config.ConfigChecks;
import adapters.config.InvalidConfigException;
import adapters.config.ProxyConfig;

/**
 * The rules of {@code proxy:} in config.yaml, in one place: the engine's producer applies them when the gateway
 * starts, and {@code drover serve} and {@code drover config check} before the framework starts. Throws
 * {@link InvalidConfigException} naming the key.
 */
public final class EngineChecks {

    private EngineChecks() {
    }

    public static void check(ProxyConfig config) {
        timeouts(config);
        ConfigChecks.atLeastOne("proxy.max_attempts", config.maxAttempts());
        ConfigChecks.nonNegative("proxy.queue.max_size", config.queue().maxSize());
        ConfigChecks.positive("proxy.queue.max_wait", config.queue().maxWait());
        ConfigChecks.positive("proxy.queue.ageing", config.queue().ageing());
        ConfigChecks.positive("proxy.affinity.ttl", config.affinity().ttl());
        ConfigChecks.within("proxy.affinity.max_sessions", config.affinity().maxSessions(), 1, 10_000_000);
        double factor = config.affinity().loadFactor();
        if (!(factor >= 1 && factor <= 100)) {
            throw new InvalidConfigException("proxy.affinity.load_factor", factor, "must be from 1 to 100 (1.25:"
                    + " no node above 1.25 times its share of the requests in flight)");
        }
        ProxyConfig.CircuitBreaker breaker = config.circuitBreaker();
        String key = "proxy.circuit_breaker.";
        ConfigChecks.atLeastOne(key + "window", breaker.window());
        ConfigChecks.atLeastOne(key + "success_threshold", breaker.successThreshold());
        ConfigChecks.positive(key + "delay", breaker.delay());
        if (!(breaker.failureRatio() > 0 && breaker.failureRatio() <= 1)) {
            throw new InvalidConfigException(key + "failure_ratio", breaker.failureRatio(),
                    "must be above 0 and at most 1");
        }
    }

    static Timeouts timeouts(ProxyConfig config) {
        return new Timeouts(config.connectTimeout(), config.firstByteTimeout(), config.idleTimeout(),
                config.totalTimeout());
    }
}
