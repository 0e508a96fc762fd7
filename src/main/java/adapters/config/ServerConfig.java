package adapters.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code server:} in config.yaml. {@code host} and {@code port} feed Quarkus' HTTP server. */
@ConfigMapping(prefix = "server", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ServerConfig {

    @WithDefault("0.0.0.0")
    String host();

    @WithDefault("11435")
    int port();

    /** Largest request body accepted on proxied routes (413 beyond); Quarkus size syntax: 100M, 1G. */
    @WithDefault("100M")
    MemorySize maxBodySize();

    /**
     * On SIGTERM: how long requests in flight (and queued) may take to finish while new ones get 503 and readiness
     * reports down. Below Kubernetes' default 30 s grace period, so the pod is not killed mid-drain.
     */
    @WithDefault("25s")
    Duration drainTimeout();
}
