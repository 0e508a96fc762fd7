package adapters.sim;

import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code /v1/chat/completions} and {@code /v1/completions} answers as Ollama 0.32.6+ writes them: SSE frames
 * ({@code data: ...} and a blank line), role on the first chat delta only, a separate finish frame, an optional usage
 * frame, then {@code data: [DONE]}; or one JSON object when not streamed.
 */
final class OpenAiAnswer implements SimAnswer {

    private final HttpServerResponse response;
    private final String model;
    private final boolean chat;
    private final boolean stream;
    private final boolean includeUsage;
    private final String id;
    private final long created = System.currentTimeMillis() / 1000;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private boolean started;

    OpenAiAnswer(HttpServerResponse response, String model, boolean chat, boolean stream, boolean includeUsage) {
        this.response = response;
        this.model = model;
        this.chat = chat;
        this.stream = stream;
        this.includeUsage = includeUsage;
        this.id = (chat ? "chatcmpl-" : "cmpl-") + ThreadLocalRandom.current().nextInt(999);
    }

    @Override
    public void piece(String text, boolean thinking) {
        if (!stream) {
            (thinking ? reasoning : content).append(text);
            return;
        }
        if (chat) {
            JsonObject delta = new JsonObject();
            if (!started) {
                delta.put("role", "assistant");
            }
            delta.put(thinking ? "reasoning" : "content", text);
            frame(chunk(new JsonObject().put("index", 0).put("delta", delta).putNull("finish_reason")));
        } else if (!thinking) {
            frame(chunk(new JsonObject().put("text", text).put("index", 0).putNull("finish_reason")));
        }
    }

    @Override
    public void finish(String doneReason, SimMetrics m) {
        JsonObject usage = new JsonObject().put("prompt_tokens", m.promptCount())
                .put("completion_tokens", m.evalCount())
                .put("total_tokens", m.promptCount() + m.evalCount());
        if (!stream) {
            JsonObject choice = chat
                    ? new JsonObject().put("index", 0).put("message", message()).put("finish_reason", doneReason)
                    : new JsonObject().put("text", content.toString()).put("index", 0).put("finish_reason", doneReason);
            JsonObject body = head().put("choices", new JsonArray().add(choice)).put("usage", usage);
            response.setStatusCode(200).putHeader("Content-Type", "application/json").end(body.encode());
            return;
        }
        JsonObject last = chat
                ? new JsonObject().put("index", 0).put("delta", new JsonObject()).put("finish_reason", doneReason)
                : new JsonObject().put("text", "").put("index", 0).put("finish_reason", doneReason);
        frame(chunk(last));
        if (includeUsage) {
            frame(head().put("choices", new JsonArray()).put("usage", usage));
        }
        response.end("data: [DONE]\n\n");
    }

    private JsonObject message() {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", content.toString());
        if (!reasoning.isEmpty()) {
            message.put("reasoning", reasoning.toString());
        }
        return message;
    }

    private JsonObject chunk(JsonObject choice) {
        JsonObject chunk = head().put("choices", new JsonArray().add(choice));
        if (!chat && includeUsage) {
            chunk.put("usage", new JsonObject().put("prompt_tokens", 0).put("completion_tokens", 0)
                    .put("total_tokens", 0));
        }
        return chunk;
    }

    private JsonObject head() {
        String object = chat ? (stream ? "chat.completion.chunk" : "chat.completion") : "text_completion";
        return new JsonObject().put("id", id).put("object", object).put("created", created).put("model", model)
                .put("system_fingerprint", "fp_ollama");
    }

    private void frame(JsonObject data) {
        if (!started) {
            started = true;
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream");
        }
        response.write("data: " + data.encode() + "\n\n");
    }
}
