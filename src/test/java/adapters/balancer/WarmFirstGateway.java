package adapters.balancer;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway with the warm-first balancer over the test fleet; node-a weighs 3, node-b and node-c 1; a first byte
 * may take 10 s (a slow request stays in flight while others are routed around it).
 */
public class WarmFirstGateway implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("proxy.load_balancer", "warm-first", "discovery.static.endpoints[0].weight", "3",
                "proxy.first_byte_timeout", "10s", "proxy.affinity.enabled", "false");
    }
}
