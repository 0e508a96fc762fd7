package adapters.node;

import java.io.ByteArrayOutputStream;
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
import core.models.ModelTaskFailedException;
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
            response.body().subscribe(new Lines(node.name(), op, response.status(), progress, result, reading));
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

    /** Reads the node's answer one line at a time: progress, an error line, or the final success. */
    private static final class Lines implements Flow.Subscriber<ByteBuffer> {

        private final String node;
        private final ModelOperation op;
        private final int status;
        private final Consumer<Progress> progress;
        private final CompletableFuture<Void> result;
        private final Flow.Subscription[] reading;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean succeeded;
        private String error;

        Lines(String node, ModelOperation op, int status, Consumer<Progress> progress, CompletableFuture<Void> result,
                Flow.Subscription[] reading) {
            this.node = node;
            this.op = op;
            this.status = status;
            this.progress = progress;
            this.result = result;
            this.reading = reading;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (reading) {
                reading[0] = subscription;
            }
            if (result.isCancelled()) {
                subscription.cancel();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            while (chunk.hasRemaining()) {
                byte b = chunk.get();
                if (b == '\n') {
                    line(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                } else {
                    pending.write(b);
                }
            }
            if (pending.size() > MAX_LINE) {
                synchronized (reading) {
                    reading[0].cancel();
                }
                result.completeExceptionally(new ModelTaskFailedException(node, 502,
                        "the node wrote a line longer than " + MAX_LINE + " bytes"));
            }
        }

        private void line(String text) {
            String line = text.strip();
            if (line.isEmpty() || error != null) {
                return;
            }
            JsonObject json;
            try {
                json = new JsonObject(line);
            } catch (RuntimeException e) {
                if (status >= 400) {
                    error = line.length() > 200 ? line.substring(0, 200) : line;
                }
                return;
            }
            if (json.getValue("error") != null) {
                error = String.valueOf(json.getValue("error"));
                return;
            }
            String said = json.getValue("status") instanceof String s ? s : null;
            if ("success".equals(said) || (op == ModelOperation.PRELOAD && Boolean.TRUE.equals(json.getValue(
                    "done")))) {
                succeeded = true;
                return;
            }
            if (said != null) {
                progress.accept(new Progress(said, json.getValue("digest") instanceof String d ? d : null,
                        number(json, "total"), number(json, "completed")));
            }
        }

        private static long number(JsonObject json, String field) {
            return json.getValue(field) instanceof Number n ? n.longValue() : 0;
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            if (pending.size() > 0) {
                line(pending.toString(StandardCharsets.UTF_8));
            }
            if (status >= 300) {
                result.completeExceptionally(new ModelTaskFailedException(node, status,
                        error != null ? error : "HTTP " + status));
            } else if (error != null) {
                result.completeExceptionally(new ModelTaskFailedException(node, 500, error));
            } else if (succeeded || !op.reportsProgress()) {
                result.complete(null);
            } else {
                result.completeExceptionally(new ModelTaskFailedException(node, 502,
                        "the node ended its answer without success"));
            }
        }
    }
}
