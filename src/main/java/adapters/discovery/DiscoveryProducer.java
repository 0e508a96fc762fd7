package adapters.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.Vertx;

import adapters.config.BuildContents;
import adapters.config.DiscoveryConfig;
import core.fleet.NodeOrigin;
import ports.out.NodeDiscovery;

/** Builds the fleet's discoveries from {@code discovery:} in config.yaml: the static list, and the cluster's. */
@ApplicationScoped
class DiscoveryProducer {

    @Produces
    @Singleton
    NodeDiscovery discovery(DiscoveryConfig config) {
        Config raw = ConfigProvider.getConfig();
        return new StaticDiscovery(DiscoveryChecks.check(config, key -> raw.getConfigValue(key).getRawValue()));
    }

    /**
     * {@code discovery.kubernetes}: the API's EndpointSlices (the full build) or DNS; nothing when it is off (the
     * Kubernetes client is then never built).
     */
    @Produces
    @Singleton
    @Named("cluster")
    NodeDiscovery cluster(DiscoveryConfig config, Instance<ApiDiscoveries> api, Vertx vertx) {
        ClusterSettings settings = DiscoveryChecks.cluster(config.kubernetes());
        if (settings == null) {
            return new NodeDiscovery() {
                @Override
                public void start(Listener listener) {
                }

                @Override
                public NodeOrigin origin() {
                    return NodeOrigin.KUBERNETES;
                }
            };
        }
        return switch (settings.mode()) {
            case API -> {
                if (!api.isResolvable()) {
                    throw BuildContents.noKubernetesApi();
                }
                yield api.get().follow(settings);
            }
            case DNS -> new DnsDiscovery(vertx, settings);
        };
    }

    void stop(@Disposes @Named("cluster") NodeDiscovery cluster) {
        if (cluster instanceof Stopping stopping) {
            stopping.stop();
        }
    }
}
