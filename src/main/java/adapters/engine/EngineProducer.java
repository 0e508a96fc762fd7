package adapters.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.core.Vertx;

import adapters.config.OutboundTls;
import adapters.config.ProxyConfig;
import ports.in.TrackCircuitsUseCase;
import ports.out.NodeTransport;
import ports.out.ProxyEngine;

/** Chooses the proxy engine named by {@code proxy.engine}. */
@ApplicationScoped
class EngineProducer {

    /** The timeouts every exchange starts with; a reload replaces them. */
    @Produces
    @Singleton
    ExchangeTimeouts timeouts(ProxyConfig config) {
        return ExchangeTimeouts.from(config);
    }

    @Produces
    @Singleton
    ProxyEngine engine(ProxyConfig config, Vertx vertx, TrackCircuitsUseCase circuits, NodeTransport relay,
            OutboundTls tls, ExchangeTimeouts timeouts) {
        PlainProxyEngine plain = new PlainProxyEngine(vertx, timeouts,
                new HttpTransport(vertx, timeouts.current().connect(), tls::apply), relay);
        return switch (config.engine()) {
            case PLAIN -> plain;
            case CIRCUIT_BREAKING -> {
                ProxyConfig.CircuitBreaker breaker = config.circuitBreaker();
                yield new CircuitBreakingEngine(plain, new CircuitBreakingEngine.Breakers(breaker.window(),
                        breaker.failureRatio(), breaker.delay(), breaker.successThreshold()),
                        (name, state) -> circuits.circuitChanged(name, state, breaker.delay()));
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
