package adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import core.models.FleetProgress;
import core.models.ModelTaskListener;
import core.models.ModelTaskResult;
import core.models.NodeOutcome;

/**
 * Writes a task's merged progress to its client as {@link ModelFanOut} describes, on the request's context, in order.
 * Lines that end a node before any node reported progress are held: if no progress ever comes, the answer is the
 * failure's status in one piece.
 */
final class MergedAnswer implements ModelTaskListener {

    private final HttpServerResponse response;
    private final Context context;
    private final boolean stream;
    /** Lines that end a node, written before any progress; touched on the request's context only. */
    private final List<String> held = new ArrayList<>();

    MergedAnswer(HttpServerResponse response, Context context, boolean stream) {
        this.response = response;
        this.context = context;
        this.stream = stream;
    }

    @Override
    public void progress(FleetProgress line) {
        if (!stream) {
            return;
        }
        JsonObject json = new JsonObject().put("status", line.status());
        if (line.digest() != null) {
            json.put("digest", line.digest()).put("total", line.total()).put("completed", line.completed());
        }
        json.put("node", line.node());
        if (line.digest() != null) {
            json.put("node_total", line.nodeTotal()).put("node_completed", line.nodeCompleted());
        }
        if (line.outcome() != null) {
            json.put("result", result(line.outcome()));
            if (!line.outcome().ok()) {
                json.put("reason", line.outcome().reason());
            }
        }
        boolean skippable = line.digest() != null && line.outcome() == null;
        String text = json.encode() + "\n";
        boolean ending = line.outcome() != null;
        context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                return;
            }
            if (!response.headWritten()) {
                if (ending) {
                    // Held until some node reports progress: if none ever does, the answer is the failure's status.
                    held.add(text);
                    return;
                }
                begin();
            } else if (skippable && response.writeQueueFull()) {
                // A slow client: a later line of the same layer says more; lines that end something are kept.
                return;
            }
            response.write(text);
        });
    }

    @Override
    public void finished(ModelTaskResult result) {
        JsonObject nodes = new JsonObject();
        for (Map.Entry<String, NodeOutcome> e : result.nodes().entrySet()) {
            JsonObject one = new JsonObject().put("status", result(e.getValue()));
            if (!e.getValue().ok()) {
                one.put("error", e.getValue().reason());
            }
            nodes.put(e.getKey(), one);
        }
        JsonObject last = result.succeeded()
                ? new JsonObject().put("status", "success").put("nodes", nodes)
                : new JsonObject().put("error", result.summary()).put("nodes", nodes);
        context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                return;
            }
            if (response.headWritten()) {
                response.end(last.encode() + "\n");
            } else if (stream && result.succeeded()) {
                begin();
                response.end(last.encode() + "\n");
            } else {
                Replies.json(response, result.status(), last.encode());
            }
        });
    }

    /** The streamed answer's head, and the node lines held until then. */
    private void begin() {
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        held.forEach(response::write);
        held.clear();
    }

    private static String result(NodeOutcome outcome) {
        return outcome.ok() ? "success" : outcome.absent() ? "not found" : "failed";
    }
}
