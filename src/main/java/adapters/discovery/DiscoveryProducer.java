package adapters.discovery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import adapters.config.ConfigChecks;
import adapters.config.DiscoveryConfig;
import adapters.config.InvalidConfigException;
import ports.out.EndpointDiscovery;

/** Builds the fleet's discovery from {@code discovery:} in config.yaml. */
@ApplicationScoped
class DiscoveryProducer {

    @Produces
    @Singleton
    EndpointDiscovery discovery(DiscoveryConfig config) {
        if (config.relay().enabled()) {
            String secret = config.relay().secret().orElse("");
            if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
                throw new InvalidConfigException("discovery.relay.secret", secret.isEmpty() ? "" : "<hidden>",
                        "required with discovery.relay.enabled: true, at least 32 bytes (write ${ENV_VAR})");
            }
        }
        ConfigChecks.positive("discovery.model_refresh_interval", config.modelRefreshInterval());
        Config raw = ConfigProvider.getConfig();
        return new StaticDiscovery(config.statics().endpoints().orElse(List.of()),
                key -> raw.getConfigValue(key).getRawValue());
    }

}
