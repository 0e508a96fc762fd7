package adapters.sim;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code /api/generate} and {@code /api/chat} answers: NDJSON lines, or one JSON object when not streamed. */
final class NativeAnswer implements SimAnswer {

    private final HttpServerResponse response;
    private final String model;
    private final boolean chat;
    private final boolean stream;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private boolean started;

    NativeAnswer(HttpServerResponse response, String model, boolean chat, boolean stream) {
        this.response = response;
        this.model = model;
        this.chat = chat;
        this.stream = stream;
    }

    @Override
    public void piece(String text, boolean isThinking) {
        if (!stream) {
            (isThinking ? thinking : content).append(text);
            return;
        }
        JsonObject line = base();
        if (chat) {
            JsonObject message = new JsonObject().put("role", "assistant").put("content", isThinking ? "" : text);
            if (isThinking) {
                message.put("thinking", text);
            }
            line.put("message", message);
        } else {
            line.put("response", isThinking ? "" : text);
            if (isThinking) {
                line.put("thinking", text);
            }
        }
        write(line.put("done", false));
    }

    @Override
    public void finish(String doneReason, SimMetrics m) {
        JsonObject last = base();
        String text = stream ? "" : content.toString();
        String thought = stream ? "" : thinking.toString();
        if (chat) {
            JsonObject message = new JsonObject().put("role", "assistant").put("content", text);
            if (!thought.isEmpty()) {
                message.put("thinking", thought);
            }
            last.put("message", message);
        } else {
            last.put("response", text);
            if (!thought.isEmpty()) {
                last.put("thinking", thought);
            }
        }
        last.put("done", true).put("done_reason", doneReason);
        if (!chat) {
            last.put("context", new JsonArray().add(1).add(2).add(3));
        }
        last.put("total_duration", m.totalNanos()).put("load_duration", m.loadNanos())
                .put("prompt_eval_count", m.promptCount()).put("prompt_eval_duration", m.promptNanos())
                .put("eval_count", m.evalCount()).put("eval_duration", m.evalNanos());
        if (stream) {
            write(last);
            response.end();
        } else {
            response.setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(last.encode());
        }
    }

    private JsonObject base() {
        return new JsonObject().put("model", model).put("created_at", SimText.now());
    }

    private void write(JsonObject line) {
        if (!started) {
            started = true;
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        }
        response.write(line.encode() + "\n");
    }
}
