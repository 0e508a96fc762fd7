package adapters.node;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import io.vertx.core.json.JsonObject;

import core.models.ModelOperation;
import core.models.ModelTaskFailedException;
import core.models.Progress;

/**
 * Reads a node's answer to a model task one line at a time: each progress line goes to the listener; an error line,
 * an error status or an end without success fails the task with the node's own words. Lines longer than
 * {@link NodeModelCalls#MAX_LINE} end it.
 */
final class ProgressLines implements Flow.Subscriber<ByteBuffer> {

    private final String node;
    private final ModelOperation op;
    private final int status;
    private final Consumer<Progress> progress;
    private final CompletableFuture<Void> result;
    private final Flow.Subscription[] reading;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean succeeded;
    private String error;

    ProgressLines(String node, ModelOperation op, int status, Consumer<Progress> progress,
            CompletableFuture<Void> result,
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
        if (result.isDone()) {
            // Failed already (a line too long) or abandoned: what is still on its way is not read.
            return;
        }
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (b == '\n') {
                line(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }
        if (pending.size() > NodeModelCalls.MAX_LINE) {
            synchronized (reading) {
                reading[0].cancel();
            }
            result.completeExceptionally(new ModelTaskFailedException(node, 502,
                    "the node wrote a line longer than " + NodeModelCalls.MAX_LINE + " bytes"));
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
