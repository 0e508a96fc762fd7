package adapters.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;
import core.fleet.ModelName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover sim}: one simulated Ollama node, without the gateway. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = {
        "Run one simulated Ollama node (native and /v1 API, streaming, cold loads, faults).",
        "Fault knobs at run time: POST /_sim/faults with fail_status, hang, cut_after_chunks,",
        "first_byte_delay_ms, busy_beyond; counters at GET /_sim/stats."})
final class SimCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "11434", description = "port to listen on (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--name", defaultValue = "sim", description = "node name, quoted in every answer (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--models", split = ",", paramLabel = "a,b", description = "installed models (default: llama3.2, qwen3:8b, all-minilm)")
    List<String> models;

    @Option(names = "--token-ms", defaultValue = "20", description = "delay per generated token in ms (default: ${DEFAULT-VALUE})")
    long tokenMs;

    @Option(names = "--tokens", defaultValue = "12", description = "tokens per answer (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--load-ms", defaultValue = "0", description = "cold-load delay of a model on first use in ms (default: ${DEFAULT-VALUE})")
    long loadMs;

    @Option(names = "--parallel", defaultValue = "1", description = "requests a loaded model serves at once; more wait in line, as OLLAMA_NUM_PARALLEL (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--model-load-ms", split = ",", paramLabel = "model=ms", description = "load delay of single models, overriding --load-ms (a large model loads slower)")
    Map<String, Long> modelLoadMs;

    @Option(names = "--model-parallel", split = ",", paramLabel = "model=n", description = "slots of single models, overriding --parallel (an embedding model runs one at a time)")
    Map<String, Integer> modelParallel;

    @Option(names = "--max-loaded", defaultValue = "0", description = "models loaded at once; a cold model evicts the least recently used idle one, or waits for one to go idle, as OLLAMA_MAX_LOADED_MODELS (default: ${DEFAULT-VALUE}, no limit)")
    int maxLoaded;

    @Option(names = "--prompt-token-us", defaultValue = "0", description = "microseconds to evaluate one prompt token that no slot of the model holds in its cache, charged before the first answer token; a conversation's earlier turns cost nothing on the node that served them (default: ${DEFAULT-VALUE}, prompts are free)")
    int promptTokenMicros;

    @Override
    public Integer call() throws InterruptedException {
        SimSettings settings = new SimSettings(name, host, port, models == null ? SimSettings.DEFAULT_MODELS : models,
                Duration.ofMillis(tokenMs), tokens, Duration.ofMillis(loadMs), parallel, maxLoaded, "0.12.6")
                .withPerModel(perModel(modelLoadMs, Duration::ofMillis), perModel(modelParallel, n -> n))
                .withPromptTokenMicros(promptTokenMicros);
        Vertx vertx = Vertx.vertx();
        SimulatedOllama sim;
        try {
            sim = SimulatedOllama.start(vertx, settings);
        } catch (IllegalStateException e) {
            System.err.println("drover sim: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            vertx.close();
            return 1;
        }
        System.out.printf("simulated Ollama '%s' listening on %s with models %s%n", sim.name(), sim.url(),
                String.join(", ", settings.models()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            vertx.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private static <T, R> Map<ModelName, R> perModel(Map<String, T> values, Function<T, R> convert) {
        Map<ModelName, R> result = new HashMap<>();
        if (values != null) {
            values.forEach((model, value) -> result.put(ModelName.of(model), convert.apply(value)));
        }
        return result;
    }
}
