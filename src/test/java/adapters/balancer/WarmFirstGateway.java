package adapters.balancer;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway with the warm-first balancer over the test fleet; node-a weighs 3, node-b and node-c 1. */
public class WarmFirstGateway implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("proxy.load_balancer", "warm-first", "discovery.static.endpoints[0].weight", "3");
    }
}
