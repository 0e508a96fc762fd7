package adapters.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.core.Vertx;

import adapters.config.ProxyConfig;
import ports.out.ProxyEngine;

/** Chooses the proxy engine named by {@code proxy.engine}. */
@ApplicationScoped
class EngineProducer {

    @Produces
    @Singleton
    ProxyEngine engine(ProxyConfig config, Vertx vertx) {
        Timeouts timeouts = new Timeouts(config.connectTimeout(), config.firstByteTimeout(), config.idleTimeout());
        return switch (config.engine()) {
            case PLAIN -> new PlainProxyEngine(vertx, timeouts);
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
