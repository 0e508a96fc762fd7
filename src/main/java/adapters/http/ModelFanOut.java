package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import core.MalformedRequestException;
import core.fleet.ModelName;
import core.models.ModelOperation;
import core.models.ModelTask;
import core.models.ModelTaskRun;
import core.models.Targets;
import core.routing.DrainingException;
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
        MergedAnswer answer = new MergedAnswer(response, context, stream);
        ModelTaskRun run;
        try {
            run = tasks.run(targets, task, answer);
        } catch (RuntimeException e) {
            if (e instanceof DrainingException) {
                // Draining: a load balancer in front should take this client elsewhere.
                Replies.closeAfter(rc.request());
            }
            Replies.failure(Dialect.OLLAMA, response, e);
            return;
        }
        response.putHeader(ProxyHandler.TARGET_HEADER, String.join(",", run.nodes()));
        OpenAnswers.OpenAnswer open = () -> run.cancel(OpenAnswers.SHUTTING_DOWN);
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
}
