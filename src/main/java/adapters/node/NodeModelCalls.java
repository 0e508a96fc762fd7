package adapters.node;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;

import core.fleet.Node;
import core.models.ModelOperation;
import core.models.ModelTask;
import core.models.Progress;
import core.routing.Header;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.out.NodeModels;
import ports.out.ProxyEngine;

/**
 * Model tasks on one node through the proxy engine (so over HTTP or the relay link, with the engine's timeouts and
 * breaker), reading the node's NDJSON progress line by line as it streams.
 */
@ApplicationScoped
class NodeModelCalls implements NodeModels {

    /** A progress line longer than this is no progress line (Ollama's client allows 8 MB; its lines are tiny). */
    static final int MAX_LINE = 1 << 20;

    private static final List<Header> JSON = List.of(new Header("Content-Type", "application/json"));

    private final ProxyEngine engine;
    private final AtomicLong ids = new AtomicLong();

    NodeModelCalls(ProxyEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> run(Node node, ModelTask task, Consumer<Progress> progress) {
        ModelOperation op = task.operation();
        ByteBuffer body = task.body() != null ? task.bodyView() : ByteBuffer.wrap(plainBody(task));
        ProxyRequest request = ProxyRequest.forEndpoint("model-" + op.label() + "-" + ids.incrementAndGet(),
                op.method(), op.path(), JSON, body, node.name());
        CompletableFuture<ProxyResponse> opened = engine.send(node, request).toCompletableFuture();
        CompletableFuture<Void> result = new CompletableFuture<>();
        Flow.Subscription[] reading = new Flow.Subscription[1];
        opened.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            response.body().subscribe(new ProgressLines(node.name(), op, response.status(), progress, result, reading));
        });
        result.whenComplete((v, error) -> {
            if (result.isCancelled()) {
                opened.cancel(true);
                synchronized (reading) {
                    if (reading[0] != null) {
                        reading[0].cancel();
                    }
                }
            }
        });
        return result;
    }

    /** The body Drover writes for a task it starts itself. */
    static byte[] plainBody(ModelTask task) {
        JsonObject body = new JsonObject().put("model", task.model().canonical());
        if (task.operation() == ModelOperation.PRELOAD) {
            body.put("prompt", "").put("stream", false);
            if (task.keepAlive() != null) {
                body.put("keep_alive", keepAlive(task.keepAlive()));
            }
        } else if (task.operation().reportsProgress()) {
            body.put("stream", true);
        }
        return body.encode().getBytes(StandardCharsets.UTF_8);
    }

    /** Ollama reads a bare number as seconds and a string as a Go duration. */
    private static Object keepAlive(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return value.strip();
        }
    }
}
