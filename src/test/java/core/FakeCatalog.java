package core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import core.fleet.ModelEntry;
import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import ports.out.ModelCatalog;

/** A catalog answering what the map held when asked; counts calls; can hold answers back until released. */
public final class FakeCatalog implements ModelCatalog {

    public final Map<String, List<ModelEntry>> available = new HashMap<>();
    public final Map<String, List<ModelEntry>> loaded = new HashMap<>();
    public final AtomicInteger availableCalls = new AtomicInteger();
    public CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    public static ModelEntry entry(String name, long modifiedSecond) {
        return new ModelEntry(ModelName.of(name), java.time.Instant.ofEpochSecond(modifiedSecond),
                "{\"name\":\"" + name + "\"}");
    }

    @Override
    public CompletionStage<List<ModelEntry>> available(Node endpoint, NodeType type) {
        availableCalls.incrementAndGet();
        List<ModelEntry> answer = available.getOrDefault(endpoint.name(), List.of());
        return gate.thenApply(v -> answer);
    }

    @Override
    public CompletionStage<List<ModelEntry>> loaded(Node endpoint, NodeType type) {
        List<ModelEntry> answer = loaded.getOrDefault(endpoint.name(), List.of());
        return gate.thenApply(v -> answer);
    }
}
