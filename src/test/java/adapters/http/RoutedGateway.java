package adapters.http;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test fleet with session affinity on and model routes: {@code chat} stands for qwen3:8b (node-a only) and falls
 * back to phi3:mini (node-c); {@code gpt-4o} stands for llama3.2, which is kept to the nodes labelled
 * {@code gpu: a100} (node-b and node-c, not node-a); {@code tiny} stands for tinyllama (node-d, two at a time) and
 * falls back to phi3:mini; all-minilm is kept to node-a, which does not have it.
 */
public class RoutedGateway implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("proxy.affinity.enabled", "true"),
                Map.entry("discovery.static.endpoints[1].labels.gpu", "a100"),
                Map.entry("discovery.static.endpoints[2].labels.gpu", "a100"),
                Map.entry("models[0].name", "chat"), Map.entry("models[0].model", "qwen3:8b"),
                Map.entry("models[0].fallbacks[0]", "phi3:mini"),
                Map.entry("models[1].name", "gpt-4o"), Map.entry("models[1].model", "llama3.2"),
                Map.entry("models[2].name", "llama3.2"), Map.entry("models[2].labels.gpu", "a100"),
                Map.entry("models[3].name", "tiny"), Map.entry("models[3].model", "tinyllama"),
                Map.entry("models[3].fallbacks[0]", "phi3:mini"),
                Map.entry("models[4].name", "all-minilm"), Map.entry("models[4].nodes[0]", "node-a"));
    }
}
