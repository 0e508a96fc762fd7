package core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import ports.out.ModelCatalog;

/** A catalog answering what the map held when asked; counts calls; can hold answers back until released. */
final class FakeCatalog implements ModelCatalog {

    final Map<String, List<ModelEntry>> available = new HashMap<>();
    final Map<String, List<ModelEntry>> loaded = new HashMap<>();
    final AtomicInteger availableCalls = new AtomicInteger();
    CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    static ModelEntry entry(String name, long modifiedSecond) {
        return new ModelEntry(ModelName.of(name), java.time.Instant.ofEpochSecond(modifiedSecond),
                "{\"name\":\"" + name + "\"}");
    }

    @Override
    public CompletionStage<List<ModelEntry>> available(Endpoint endpoint, EndpointType type) {
        availableCalls.incrementAndGet();
        List<ModelEntry> answer = available.getOrDefault(endpoint.name(), List.of());
        return gate.thenApply(v -> answer);
    }

    @Override
    public CompletionStage<List<ModelEntry>> loaded(Endpoint endpoint, EndpointType type) {
        List<ModelEntry> answer = loaded.getOrDefault(endpoint.name(), List.of());
        return gate.thenApply(v -> answer);
    }
}
