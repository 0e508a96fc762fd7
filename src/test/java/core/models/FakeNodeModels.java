package core.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import core.fleet.Node;
import ports.out.NodeModels;

/** Nodes whose model tasks the test drives: each call is held until the test reports progress and ends it. */
final class FakeNodeModels implements NodeModels {

    /** One task a node was given. */
    record Call(String node, ModelTask task, Consumer<Progress> progress, CompletableFuture<Void> result) {
    }

    final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, CompletableFuture<Void>> answers = new ConcurrentHashMap<>();
    /** Nodes whose call throws instead of returning a stage. */
    final java.util.Set<String> throwing = ConcurrentHashMap.newKeySet();

    @Override
    public CompletionStage<Void> run(Node node, ModelTask task, Consumer<Progress> progress) {
        if (throwing.contains(node.name())) {
            throw new IllegalStateException("broken port");
        }
        CompletableFuture<Void> result = answers.containsKey(node.name())
                ? answers.get(node.name())
                : new CompletableFuture<>();
        calls.add(new Call(node.name(), task, progress, result));
        return result;
    }

    Call last(String node) {
        synchronized (calls) {
            for (int i = calls.size() - 1; i >= 0; i--) {
                if (calls.get(i).node().equals(node)) {
                    return calls.get(i);
                }
            }
        }
        throw new AssertionError("no task for " + node);
    }

    long runningOn(String node) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.node().equals(node) && !c.result().isDone()).count();
        }
    }
}
