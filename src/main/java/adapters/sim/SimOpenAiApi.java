package adapters.sim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The simulated node's OpenAI-compatible layer under {@code /v1}, as Ollama translates it. */
final class SimOpenAiApi {

    private final Vertx vertx;
    private final SimNode node;

    SimOpenAiApi(Vertx vertx, SimNode node) {
        this.vertx = vertx;
        this.node = node;
    }

    void chatCompletions(RoutingContext rc) {
        complete(rc, true);
    }

    void completions(RoutingContext rc) {
        complete(rc, false);
    }

    private void complete(RoutingContext rc, boolean chat) {
        JsonObject body = SimReplies.body(rc, true);
        if (body == null) {
            return;
        }
        String name = body.getValue("model") instanceof String s ? s : "";
        if (name.isEmpty()) {
            SimReplies.openAiError(rc, 400, "model is required");
            return;
        }
        String prompt;
        if (chat) {
            JsonArray messages = body.getValue("messages") instanceof JsonArray a ? a : new JsonArray();
            if (messages.isEmpty()) {
                SimReplies.openAiError(rc, 400, "[] is too short - 'messages'");
                return;
            }
            prompt = messages.encode();
        } else {
            prompt = body.getValue("prompt") instanceof String s ? s : "";
        }
        SimModel model = node.models().find(name).orElse(null);
        if (model == null) {
            SimReplies.openAiError(rc, 404, "model '" + name + "' not found");
            return;
        }
        if (SimReplies.faulted(rc, node, true)) {
            return;
        }
        boolean stream = Boolean.TRUE.equals(body.getValue("stream"));
        JsonObject streamOptions = body.getValue("stream_options") instanceof JsonObject o ? o : new JsonObject();
        boolean usage = Boolean.TRUE.equals(streamOptions.getValue("include_usage"));
        Integer maxTokens = body.getValue("max_tokens") instanceof Number n ? n.intValue() : null;
        OpenAiAnswer answer = new OpenAiAnswer(rc.response(), name, chat, stream, usage);
        new SimRun(vertx, node, rc.response(), model, maxTokens, prompt, answer).start(null);
    }

    void embeddings(RoutingContext rc) {
        JsonObject body = SimReplies.body(rc, true);
        if (body == null) {
            return;
        }
        String name = body.getValue("model") instanceof String s ? s : "";
        Object input = body.getValue("input");
        JsonArray inputs;
        if (input instanceof String s) {
            inputs = new JsonArray().add(s);
        } else if (input instanceof JsonArray a && !a.isEmpty() && a.stream().allMatch(o -> o instanceof String)) {
            inputs = a;
        } else {
            SimReplies.openAiError(rc, 400, "invalid input");
            return;
        }
        if (node.models().find(name).isEmpty()) {
            SimReplies.openAiError(rc, 404, "model \"" + name + "\" not found, try pulling it first");
            return;
        }
        if (SimReplies.faulted(rc, node, true)) {
            return;
        }
        String format = body.getString("encoding_format", "float");
        if (!format.equals("float") && !format.equals("base64")) {
            SimReplies.openAiError(rc, 400, "Invalid value for 'encoding_format' = " + format
                    + ". Supported values: ['float', 'base64'].");
            return;
        }
        int dims = body.getValue("dimensions") instanceof Number n ? Math.max(1, Math.min(384, n.intValue())) : 384;
        JsonArray data = new JsonArray();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            JsonArray vector = SimText.embedding(inputs.getString(i), dims, true);
            Object embedding = format.equals("base64") ? base64(vector) : vector;
            data.add(new JsonObject().put("object", "embedding").put("embedding", embedding).put("index", i));
            tokens += Math.max(1, SimText.countTokens(inputs.getString(i)));
        }
        JsonObject reply = new JsonObject().put("object", "list").put("data", data).put("model", name)
                .put("usage", new JsonObject().put("prompt_tokens", tokens).put("total_tokens", tokens));
        rc.response().putHeader("Content-Type", "application/json").end(reply.encode());
    }

    void models(RoutingContext rc) {
        JsonArray data = new JsonArray();
        node.models().tags().getJsonArray("models").forEach(o -> data.add(model((JsonObject) o)));
        JsonObject reply = new JsonObject().put("object", "list").put("data", data.isEmpty() ? null : data);
        rc.response().putHeader("Content-Type", "application/json").end(reply.encode());
    }

    void model(RoutingContext rc) {
        String id = rc.pathParam("model");
        SimModel m = node.models().find(id).orElse(null);
        if (m == null) {
            SimReplies.openAiError(rc, 404, "model '" + core.fleet.ModelName.of(id).canonical() + "' not found");
            return;
        }
        JsonObject reply = new JsonObject().put("id", id).put("object", "model")
                .put("created", m.modifiedAt().toEpochSecond()).put("owned_by", m.namespace());
        rc.response().putHeader("Content-Type", "application/json").end(reply.encode());
    }

    private static JsonObject model(JsonObject tag) {
        String name = tag.getString("name");
        int slash = name.lastIndexOf('/');
        return new JsonObject().put("id", name).put("object", "model")
                .put("created", java.time.OffsetDateTime.parse(tag.getString("modified_at")).toEpochSecond())
                .put("owned_by", slash < 0 ? "library" : name.substring(0, slash));
    }

    private static String base64(JsonArray vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        vector.forEach(v -> bytes.putFloat(((Number) v).floatValue()));
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
