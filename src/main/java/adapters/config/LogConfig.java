package adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code log:} in config.yaml. {@code json} feeds Quarkus' console format. */
@ConfigMapping(prefix = "log", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface LogConfig {

    /** One INFO line per proxied request on the {@code drover.access} logger. */
    @WithDefault("true")
    boolean access();

    /** One JSON object per log line, for log shippers. */
    @WithDefault("false")
    boolean json();
}
