package adapters.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import core.fleet.ModelName;

/**
 * How one simulated Ollama node behaves: its name (it appears in every answer), where it listens, which models it
 * has, how fast it "generates" ({@code tokenDelay} per token, {@code tokens} per answer), how long a cold model takes
 * to load, how many requests a loaded model serves at once ({@code parallel}, Ollama's OLLAMA_NUM_PARALLEL), how many
 * models fit in memory at once ({@code maxLoaded}, Ollama's OLLAMA_MAX_LOADED_MODELS; 0 for no limit) and the version
 * it reports. {@code loadDelays} and {@code parallels} override the load delay and the slots of single models (by
 * canonical name: a large model loads slower; an embedding model runs one at a time). {@code promptTokenMicros} is
 * what evaluating one prompt token costs before the first answer token; a prompt prefix a slot of the model still
 * holds from an earlier request costs nothing, as with Ollama's per-slot KV cache.
 */
public record SimSettings(String name, String host, int port, List<String> models, Duration tokenDelay, int tokens,
        Duration loadDelay, int parallel, int maxLoaded, String version, Map<ModelName, Duration> loadDelays,
        Map<ModelName, Integer> parallels, int promptTokenMicros) {

    public static final List<String> DEFAULT_MODELS = List.of("llama3.2:latest", "qwen3:8b", "all-minilm:latest");

    public SimSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        models = List.copyOf(models);
        if (tokenDelay == null || tokenDelay.isNegative()) {
            throw new IllegalArgumentException("token delay must not be negative: " + tokenDelay);
        }
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1: " + tokens);
        }
        if (loadDelay == null || loadDelay.isNegative()) {
            throw new IllegalArgumentException("load delay must not be negative: " + loadDelay);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1: " + parallel);
        }
        if (maxLoaded < 0) {
            throw new IllegalArgumentException("max loaded must not be negative: " + maxLoaded);
        }
        loadDelays = Map.copyOf(loadDelays == null ? Map.of() : loadDelays);
        parallels = Map.copyOf(parallels == null ? Map.of() : parallels);
        if (loadDelays.values().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("load delays must not be negative: " + loadDelays);
        }
        if (parallels.values().stream().anyMatch(p -> p < 1)) {
            throw new IllegalArgumentException("parallel must be at least 1: " + parallels);
        }
        if (promptTokenMicros < 0) {
            throw new IllegalArgumentException("prompt token time must not be negative: " + promptTokenMicros);
        }
    }

    public SimSettings(String name, String host, int port, List<String> models, Duration tokenDelay, int tokens,
            Duration loadDelay, int parallel, int maxLoaded, String version) {
        this(name, host, port, models, tokenDelay, tokens, loadDelay, parallel, maxLoaded, version, Map.of(),
                Map.of(), 0);
    }

    /** How long {@code model} takes to load: its own delay, else the node's. */
    public Duration loadDelay(ModelName model) {
        return loadDelays.getOrDefault(model, loadDelay);
    }

    /** How many requests {@code model} serves at once: its own count, else the node's. */
    public int parallel(ModelName model) {
        return parallels.getOrDefault(model, parallel);
    }

    /** The same node with per-model load delays and slot counts. */
    public SimSettings withPerModel(Map<ModelName, Duration> delays, Map<ModelName, Integer> slots) {
        return new SimSettings(name, host, port, models, tokenDelay, tokens, loadDelay, parallel, maxLoaded, version,
                delays, slots, promptTokenMicros);
    }

    /**
     * The same node charging {@code micros} per prompt token it has to evaluate: the part of a prompt that no slot of
     * the model holds in its cache (0: prompts cost nothing).
     */
    public SimSettings withPromptTokenMicros(int micros) {
        return new SimSettings(name, host, port, models, tokenDelay, tokens, loadDelay, parallel, maxLoaded, version,
                loadDelays, parallels, micros);
    }

    /** A node on a free loopback port with the default models, 12 tokens at 10 ms each and no load delay. */
    public static SimSettings named(String name) {
        return new SimSettings(name, "127.0.0.1", 0, DEFAULT_MODELS, Duration.ofMillis(10), 12, Duration.ZERO, 4,
                0, "0.12.6");
    }

    public SimSettings withModels(List<String> newModels) {
        return new SimSettings(name, host, port, newModels, tokenDelay, tokens, loadDelay, parallel, maxLoaded,
                version, loadDelays, parallels, promptTokenMicros);
    }

    public SimSettings withPort(int newPort) {
        return new SimSettings(name, host, newPort, models, tokenDelay, tokens, loadDelay, parallel, maxLoaded,
                version, loadDelays, parallels, promptTokenMicros);
    }

    public SimSettings withTokens(int count, Duration delay) {
        return new SimSettings(name, host, port, models, delay, count, loadDelay, parallel, maxLoaded, version,
                loadDelays, parallels, promptTokenMicros);
    }

    public SimSettings withLoadDelay(Duration delay) {
        return new SimSettings(name, host, port, models, tokenDelay, tokens, delay, parallel, maxLoaded, version,
                loadDelays, parallels, promptTokenMicros);
    }

    public SimSettings withParallel(int slots) {
        return new SimSettings(name, host, port, models, tokenDelay, tokens, loadDelay, slots, maxLoaded, version,
                loadDelays, parallels, promptTokenMicros);
    }

    /** At most {@code models} loaded at once, as OLLAMA_MAX_LOADED_MODELS (0: no limit). */
    public SimSettings withMaxLoaded(int models) {
        return new SimSettings(name, host, port, this.models, tokenDelay, tokens, loadDelay, parallel, models, version,
                loadDelays, parallels, promptTokenMicros);
    }

    public SimSettings withVersion(String newVersion) {
        return new SimSettings(name, host, port, models, tokenDelay, tokens, loadDelay, parallel, maxLoaded,
                newVersion, loadDelays, parallels, promptTokenMicros);
    }
}
