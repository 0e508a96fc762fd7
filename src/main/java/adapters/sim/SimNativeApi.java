package adapters.sim;

import java.time.Duration;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The simulated node's native inference routes: generate, chat, embed, embeddings. */
final class SimNativeApi {

    private static final int EMBEDDING_DIMENSIONS = 384;

    private final Vertx vertx;
    private final SimNode node;

    SimNativeApi(Vertx vertx, SimNode node) {
        this.vertx = vertx;
        this.node = node;
    }

    void generate(RoutingContext rc) {
        infer(rc, false);
    }

    void chat(RoutingContext rc) {
        infer(rc, true);
    }

    private void infer(RoutingContext rc, boolean chat) {
        JsonObject body = SimReplies.body(rc, false);
        if (body == null) {
            return;
        }
        String name = body.getValue("model") instanceof String s ? s : "";
        if (name.isEmpty()) {
            SimReplies.error(rc, chat ? 400 : 404, chat ? "model is required" : "model '' not found");
            return;
        }
        SimModel model = node.models().find(name).orElse(null);
        if (model == null) {
            SimReplies.error(rc, 404, "model '" + name + "' not found");
            return;
        }
        Object messages = body.getValue("messages");
        if (chat && messages != null && !(messages instanceof JsonArray)) {
            SimReplies.error(rc, 400, "json: cannot unmarshal " + messages.getClass().getSimpleName().toLowerCase()
                    + " into Go struct field ChatRequest.messages of type []api.Message");
            return;
        }
        Object stream = body.getValue("stream");
        if (stream != null && !(stream instanceof Boolean)) {
            SimReplies.error(rc, 400, "json: cannot unmarshal " + stream.getClass().getSimpleName().toLowerCase()
                    + " into Go struct field " + (chat ? "ChatRequest" : "GenerateRequest") + ".stream of type bool");
            return;
        }
        Duration keepAlive;
        try {
            keepAlive = SimReplies.keepAlive(body.getValue("keep_alive"));
        } catch (IllegalArgumentException e) {
            SimReplies.error(rc, 400, e.getMessage());
            return;
        }
        if (!model.can("completion")) {
            SimReplies.error(rc, 400, "\"" + name + "\" does not support " + (chat ? "chat" : "generate"));
            return;
        }
        if (Boolean.TRUE.equals(body.getValue("think")) && !model.can("thinking")) {
            SimReplies.error(rc, 400, "\"" + name + "\" does not support thinking");
            return;
        }
        String prompt = chat ? messagesText(body.getJsonArray("messages")) : body.getString("prompt", "");
        boolean empty = chat
                ? body.getJsonArray("messages") == null || body.getJsonArray("messages").isEmpty()
                : prompt.isEmpty();
        if (empty) {
            loadOnly(rc, model, name, chat, keepAlive);
            return;
        }
        if (SimReplies.faulted(rc, node, false)) {
            return;
        }
        JsonObject options = body.getJsonObject("options", new JsonObject());
        Integer numPredict = options.getValue("num_predict") instanceof Number n ? n.intValue() : null;
        NativeAnswer answer = new NativeAnswer(rc.response(), name, chat, !Boolean.FALSE.equals(stream));
        new SimRun(vertx, node, rc.response(), model, numPredict, prompt, answer).start(keepAlive);
    }

    private void loadOnly(RoutingContext rc, SimModel model, String name, boolean chat, Duration keepAlive) {
        JsonObject reply = new JsonObject().put("model", name).put("created_at", SimText.now());
        if (chat) {
            reply.put("message", new JsonObject().put("role", "assistant").put("content", ""));
        } else {
            reply.put("response", "");
        }
        if (keepAlive != null && keepAlive.isZero()) {
            node.models().unload(model);
            rc.response().putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(reply.put("done", true).put("done_reason", "unload").encode());
            return;
        }
        Runnable[] release = new Runnable[1];
        release[0] = node.models().acquire(model, keepAlive, waited -> {
            release[0].run();
            rc.response().putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(reply.put("done", true).put("done_reason", "load").encode());
        });
    }

    void embed(RoutingContext rc) {
        JsonObject body = SimReplies.body(rc, false);
        if (body == null || !embeddingModel(rc, body)) {
            return;
        }
        Object input = body.getValue("input");
        JsonArray inputs;
        if (input == null || "".equals(input)) {
            inputs = new JsonArray();
        } else if (input instanceof String s) {
            inputs = new JsonArray().add(s);
        } else if (input instanceof JsonArray array && array.stream().allMatch(o -> o instanceof String)) {
            inputs = array;
        } else {
            SimReplies.error(rc, 400, "invalid input type");
            return;
        }
        int dims = body.getValue("dimensions") instanceof Number n
                ? Math.max(1, Math.min(n.intValue(),
                        EMBEDDING_DIMENSIONS))
                : EMBEDDING_DIMENSIONS;
        JsonArray vectors = new JsonArray();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            vectors.add(SimText.embedding(inputs.getString(i), dims, true));
            tokens += Math.max(1, SimText.countTokens(inputs.getString(i)));
        }
        JsonObject reply = new JsonObject().put("model", body.getString("model")).put("embeddings", vectors);
        if (tokens > 0) {
            reply.put("total_duration", 1_000_000L).put("load_duration", 100_000L).put("prompt_eval_count", tokens);
        }
        rc.response().putHeader("Content-Type", "application/json; charset=utf-8").end(reply.encode());
    }

    void embeddings(RoutingContext rc) {
        JsonObject body = SimReplies.body(rc, false);
        if (body == null || !embeddingModel(rc, body)) {
            return;
        }
        String prompt = body.getString("prompt", "");
        JsonArray vector = prompt.isEmpty()
                ? new JsonArray()
                : SimText.embedding(prompt, EMBEDDING_DIMENSIONS, false);
        rc.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("embedding", vector).encode());
    }

    private boolean embeddingModel(RoutingContext rc, JsonObject body) {
        String name = body.getValue("model") instanceof String s ? s : "";
        if (name.isEmpty()) {
            SimReplies.error(rc, 400, "model is required");
            return false;
        }
        if (node.models().find(name).isEmpty()) {
            SimReplies.error(rc, 404, "model \"" + name + "\" not found, try pulling it first");
            return false;
        }
        return !SimReplies.faulted(rc, node, false);
    }

    private static String messagesText(JsonArray messages) {
        if (messages == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            Object m = messages.getValue(i);
            if (m instanceof JsonObject message && message.getValue("content") instanceof String content) {
                text.append(content).append(' ');
            }
        }
        return text.toString();
    }
}
