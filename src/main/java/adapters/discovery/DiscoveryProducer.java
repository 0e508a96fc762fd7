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
            throw new InvalidConfigException("discovery.relay.enabled", true,
                    "relay discovery is not available in this version; set it to false");
        }
        ConfigChecks.positive("discovery.model_refresh_interval", config.modelRefreshInterval());
        Config raw = ConfigProvider.getConfig();
        return new StaticDiscovery(config.statics().endpoints().orElse(List.of()),
                key -> raw.getConfigValue(key).getRawValue());
    }

}
