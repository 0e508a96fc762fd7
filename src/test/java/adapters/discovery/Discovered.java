package adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

import adapters.config.DiscoveryConfig;
import core.fleet.Node;
import ports.out.NodeDiscovery;

/** The nodes a discovery reported, by name, as the fleet would hold them; and settings from a YAML block. */
final class Discovered implements NodeDiscovery.Listener {

    final Map<String, Node> nodes = new ConcurrentHashMap<>();

    @Override
    public void added(Node node) {
        nodes.put(node.name(), node);
    }

    @Override
    public void removed(String name) {
        nodes.remove(name);
    }

    /** {@code discovery.kubernetes} as {@code block} (its keys, indented by four spaces) sets it, checked. */
    static ClusterSettings settings(String block) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(DiscoveryConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new YamlConfigSource("test", "discovery:\n  kubernetes:\n    enabled: true\n" + block))
                .build();
        return DiscoveryChecks.cluster(config.getConfigMapping(DiscoveryConfig.class).kubernetes());
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
