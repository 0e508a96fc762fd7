package adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import core.MalformedRequestException;
import core.fleet.ModelName;
import core.models.FleetProgress;
import core.models.ModelOperation;
import core.models.ModelTask;
import core.models.ModelTaskListener;
import core.models.ModelTaskResult;
import core.models.ModelTaskRun;
import core.models.NodeOutcome;
import core.models.Targets;
import ports.in.RunModelTaskUseCase;

/**
 * A model task on several nodes as one Ollama answer: NDJSON progress where each line names its node (layer lines
 * carry the fleet's bytes, so an Ollama client's bar shows the whole task), one line per node as it finishes, and a
 * last line that is Ollama's {@code {"status":"success"}} when every node succeeded, else an {@code error} naming the
 * nodes that failed and why; both list each node's result under {@code nodes}. With {@code "stream": false}, for
 * delete and copy, and when every node failed before any progress, only that last object, with status 200 or the
 * failed nodes' status. Event loop; never blocks.
 */
@ApplicationScoped
class ModelFanOut {

    /** Label pairs ({@code gpu=a100,zone=eu}) that every node of a model task must carry. */
    static final String NODES_HEADER = "X-Drover-Nodes";

    private final RunModelTaskUseCase tasks;
    private final OpenAnswers answers;
    private final AccessGuard guard;
    private final ProxyHandler proxy;
    private final RunningRecords records;

    ModelFanOut(RunModelTaskUseCase tasks, OpenAnswers answers, AccessGuard guard, ProxyHandler proxy,
            RunningRecords records) {
        this.tasks = tasks;
        this.answers = answers;
        this.guard = guard;
        this.proxy = proxy;
        this.records = records;
    }

    /**
     * The handler of a model-management route: one node named in {@code X-Drover-Endpoint} gets the request as it is
     * ({@link ProxyHandler#byTarget}); {@code *}, several names or {@code X-Drover-Nodes} run {@code op} on each.
     * {@code op} null: the route goes to one node only (push, blobs).
     */
    Handler<RoutingContext> route(ModelOperation op, String path) {
        return rc -> {
            Targets targets;
            try {
                targets = Targets.parse(rc.request().getHeader(ProxyHandler.TARGET_HEADER),
                        rc.request().getHeader(NODES_HEADER));
                if (targets.several()) {
                    guard.checkManagement(rc);
                }
            } catch (RuntimeException e) {
                Replies.failure(Dialect.OLLAMA, rc.response(), e);
                return;
            }
            if (!targets.several()) {
                proxy.byTarget(rc);
            } else if (op == null) {
                Replies.error(Dialect.OLLAMA, rc.response(), 400, path + " goes to one node at a time; name it"
                        + " with header " + ProxyHandler.TARGET_HEADER + ": <node>");
            } else {
                Buffer body = rc.body().buffer();
                run(rc, targets, op, body == null ? Buffer.buffer() : body);
            }
        };
    }

    /**
     * Runs {@code op} with the client's {@code body} on the nodes {@code targets} picks. The model is read from the
     * body ({@code model} or {@code name}; {@code source} for copy).
     */
    void run(RoutingContext rc, Targets targets, ModelOperation op, Buffer body) {
        HttpServerResponse response = rc.response();
        // In the request log with its route, status and time; no node: the task has several (and a client's list of
        // names must not become a metric label).
        records.start(rc, Gate.requestId(rc));
        JsonObject json;
        ModelTask task;
        try {
            json = object(body);
            task = new ModelTask(op, model(json, op), body.getByteBuf().nioBuffer(), null);
        } catch (MalformedRequestException e) {
            Replies.failure(Dialect.OLLAMA, response, e);
            return;
        }
        boolean stream = op.reportsProgress() && !Boolean.FALSE.equals(json.getValue("stream"));
        Context context = rc.vertx().getOrCreateContext();
        Answer answer = new Answer(response, context, stream);
        ModelTaskRun run;
        try {
            run = tasks.run(targets, task, answer);
        } catch (RuntimeException e) {
            Replies.failure(Dialect.OLLAMA, response, e);
            return;
        }
        response.putHeader(ProxyHandler.TARGET_HEADER, String.join(",", run.nodes()));
        OpenAnswers.OpenAnswer open = run::cancel;
        answers.add(open);
        rc.addEndHandler(ended -> answers.remove(open));
        response.closeHandler(v -> {
            if (!response.ended()) {
                run.cancel();
            }
        });
    }

    private static JsonObject object(Buffer body) {
        try {
            return body.length() == 0 ? new JsonObject() : new JsonObject(body);
        } catch (RuntimeException e) {
            throw new MalformedRequestException("invalid JSON body: expected an object such as {\"model\":"
                    + " \"llama3.2\"}");
        }
    }

    private static ModelName model(JsonObject json, ModelOperation op) {
        String field = op == ModelOperation.COPY ? "source" : json.getValue("model") != null ? "model" : "name";
        Object value = json.getValue(field);
        if (!(value instanceof String name) || name.isBlank()) {
            throw new MalformedRequestException(op == ModelOperation.COPY
                    ? "source is required"
                    : "model is required");
        }
        return ModelName.requested(name);
    }

    /** Writes the merged progress to the client, on the request's context, in order. */
    private static final class Answer implements ModelTaskListener {

        private final HttpServerResponse response;
        private final Context context;
        private final boolean stream;
        /** Lines that end a node, written before any progress; touched on the request's context only. */
        private final List<String> held = new ArrayList<>();

        Answer(HttpServerResponse response, Context context, boolean stream) {
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
}
