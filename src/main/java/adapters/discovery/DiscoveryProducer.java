package adapters.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import adapters.config.DiscoveryConfig;
import ports.out.NodeDiscovery;

/** Builds the fleet's discovery from {@code discovery:} in config.yaml. */
@ApplicationScoped
class DiscoveryProducer {

    @Produces
    @Singleton
    NodeDiscovery discovery(DiscoveryConfig config) {
        Config raw = ConfigProvider.getConfig();
        return new StaticDiscovery(DiscoveryChecks.check(config, key -> raw.getConfigValue(key).getRawValue()));
    }

}
