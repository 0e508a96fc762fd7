package adapters.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.core.Vertx;

import adapters.config.ConfigChecks;
import adapters.config.InvalidConfigException;
import adapters.config.OutboundTls;
import adapters.config.ProxyConfig;
import core.Fleet;
import ports.out.NodeTransport;
import ports.out.ProxyEngine;
import ports.out.ResilienceEvents;

/** Chooses the proxy engine named by {@code proxy.engine}. */
@ApplicationScoped
class EngineProducer {

    @Produces
    @Singleton
    ProxyEngine engine(ProxyConfig config, Vertx vertx, Fleet fleet, ResilienceEvents events, NodeTransport relay,
            OutboundTls tls) {
        Timeouts timeouts = new Timeouts(config.connectTimeout(), config.firstByteTimeout(), config.idleTimeout(),
                config.totalTimeout());
        PlainProxyEngine plain = new PlainProxyEngine(vertx, timeouts,
                new HttpTransport(vertx, timeouts.connect(), tls::apply), relay);
        return switch (config.engine()) {
            case PLAIN -> plain;
            case CIRCUIT_BREAKING -> {
                ProxyConfig.CircuitBreaker breaker = config.circuitBreaker();
                String key = "proxy.circuit_breaker.";
                ConfigChecks.atLeastOne(key + "window", breaker.window());
                ConfigChecks.atLeastOne(key + "success_threshold", breaker.successThreshold());
                ConfigChecks.positive(key + "delay", breaker.delay());
                if (!(breaker.failureRatio() > 0 && breaker.failureRatio() <= 1)) {
                    throw new InvalidConfigException(key + "failure_ratio", breaker.failureRatio(),
                            "must be above 0 and at most 1");
                }
                yield new CircuitBreakingEngine(plain, new CircuitBreakingEngine.Breakers(breaker.window(),
                        breaker.failureRatio(), breaker.delay(), breaker.successThreshold()),
                        (name, state) -> fleet.get(name).ifPresent(s -> {
                            s.circuit(state, breaker.delay());
                            events.circuitChanged(name, state);
                        }));
            }
        };
    }

    void close(@Disposes ProxyEngine engine) {
        if (engine instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // shutting down: nothing left to do with a failed close
            }
        }
    }
}
