package adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import core.MalformedRequestException;
import core.models.ModelOperation;
import core.models.Targets;
import ports.in.DescribeModelSyncUseCase;

/**
 * Models across the fleet over {@code /admin/models}: the sync's state per node and model, and pull or delete on the
 * nodes a body names ({@code "nodes": "*"}, a list or {@code "a,b"}; {@code "labels": {"gpu": "a100"}}; every node
 * when neither is given), answered as {@code /api/pull} with several nodes answers. The admin key (or loopback) is
 * checked by {@link AccessGuard}. Event loop; never blocks.
 */
@ApplicationScoped
class AdminModels {

    private final DescribeModelSyncUseCase sync;
    private final ModelFanOut fanOut;

    AdminModels(DescribeModelSyncUseCase sync, ModelFanOut fanOut) {
        this.sync = sync;
        this.fanOut = fanOut;
    }

    void routes(@Observes Router router) {
        router.get("/admin/models").handler(this::status);
        router.post("/admin/models/pull").handler(rc -> task(rc, ModelOperation.PULL));
        router.post("/admin/models/delete").handler(rc -> task(rc, ModelOperation.DELETE));
    }

    private void status(RoutingContext rc) {
        // The same entries, in the same form, as the status page's model_sync.
        List<StatusResource.SyncView> entries = sync.syncStatus().stream().map(StatusResource.SyncView::of).toList();
        Replies.json(rc.response(), 200, Json.encode(Map.of("sync", entries)));
    }

    private void task(RoutingContext rc, ModelOperation op) {
        JsonObject body = Replies.jsonObject(rc, "a JSON object such as {\"model\": \"llama3.2\", \"nodes\": \"*\"}");
        if (body == null) {
            return;
        }
        Targets targets;
        JsonObject forNodes;
        try {
            targets = targets(body);
            Object model = body.getValue("model");
            if (!(model instanceof String name) || name.isBlank()) {
                throw new MalformedRequestException("model is required");
            }
            forNodes = new JsonObject().put("model", name.strip());
            if (op == ModelOperation.PULL) {
                forNodes.put("stream", !Boolean.FALSE.equals(body.getValue("stream")));
            }
        } catch (RuntimeException e) {
            Replies.failure(Dialect.OLLAMA, rc.response(), e);
            return;
        }
        fanOut.run(rc, targets, op, Buffer.buffer(forNodes.encode()));
    }

    /** The body's {@code nodes} and {@code labels}; every Ollama node when it gives neither. */
    private static Targets targets(JsonObject body) {
        Object nodes = body.getValue("nodes");
        String names;
        if (nodes == null || nodes instanceof String) {
            names = (String) nodes;
        } else if (nodes instanceof JsonArray list && list.stream().allMatch(String.class::isInstance)) {
            names = String.join(",", list.stream().map(String.class::cast).toList());
        } else {
            throw new MalformedRequestException("nodes is \"*\", a name, \"a,b\" or a list of names");
        }
        Object labels = body.getValue("labels");
        if (labels != null && !(labels instanceof JsonObject)) {
            throw new MalformedRequestException("labels is an object such as {\"gpu\": \"a100\"}");
        }
        List<String> pairs = new ArrayList<>();
        if (labels instanceof JsonObject map) {
            map.forEach(label -> pairs.add(label.getKey() + "=" + label.getValue()));
        }
        Targets parsed = Targets.parse(names, String.join(",", pairs));
        return parsed.none() ? Targets.parse("*", null) : parsed;
    }
}
