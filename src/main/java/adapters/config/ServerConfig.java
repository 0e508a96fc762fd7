package adapters.config;

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
}
