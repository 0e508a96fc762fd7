package adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;

import core.MalformedRequestException;
import core.fleet.KeepAlive;

/**
 * Reads what routing needs from a JSON request body without building a tree: the top-level {@code model} (or the
 * legacy {@code name}) string and where its value lies in the body, {@code keep_alive} ({@link KeepAlive}; null when
 * it is not one Ollama takes: the node refuses it in its own words), and what names the conversation: OpenAI's
 * {@code prompt_cache_key} and {@code user}, and a hash of its opening ({@link Opening}). The whole body is
 * tokenised, so malformed JSON is refused here with 400, as Ollama would. Thread-safe; allocation-light.
 */
final class ModelField {

    private static final JsonFactory JSON = new JsonFactory();

    private ModelField() {
    }

    /**
     * The model the body names (null when none), the bytes {@code [modelStart, modelEnd)} its JSON string takes
     * (quotes included; -1 when none), its keep-alive (null when absent or not one Ollama takes), the conversation's
     * {@code prompt_cache_key} and {@code user} (null when absent) and the hash of its opening (0: no prompt).
     */
    record Fields(String model, int modelStart, int modelEnd, Duration keepAlive, String promptCacheKey, String user,
            long opening) {
    }

    /** The routing fields of the body; throws {@link MalformedRequestException}. */
    static Fields read(Buffer body) {
        if (body.length() == 0) {
            throw new MalformedRequestException("missing request body");
        }
        try (JsonParser parser = parser(body.getByteBuf())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRequestException("request body must be a JSON object");
            }
            String model = null;
            int[] modelAt = {-1, -1};
            String name = null;
            int[] nameAt = {-1, -1};
            Duration keepAlive = null;
            String cacheKey = null;
            String user = null;
            Opening opening = new Opening();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "keep_alive" -> keepAlive = keepAlive(parser, value);
                    case "model", "name" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            int start = (int) parser.currentTokenLocation().getByteOffset();
                            String text = parser.getText();
                            int[] at = "model".equals(field) ? modelAt : nameAt;
                            at[0] = start;
                            at[1] = (int) parser.currentLocation().getByteOffset();
                            if ("model".equals(field)) {
                                model = text;
                            } else {
                                name = text;
                            }
                            continue;
                        }
                        if (value != JsonToken.VALUE_NULL) {
                            throw new MalformedRequestException("field '" + field + "' must be a string");
                        }
                    }
                    case "prompt_cache_key" -> cacheKey = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "user" -> user = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "messages" -> {
                        opening.messages(parser, value);
                        continue;
                    }
                    case "system" -> opening.system(parser, value);
                    case "prompt" -> opening.prompt(parser, value);
                    default -> {
                    }
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new MalformedRequestException("invalid JSON: unexpected data after the JSON object");
            }
            boolean byModel = model != null && !model.isEmpty();
            int[] at = byModel ? modelAt : nameAt;
            return new Fields(byModel ? model : name, at[0], at[1], keepAlive, cacheKey, user, opening.hash());
        } catch (JsonParseException e) {
            throw new MalformedRequestException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedRequestException("unreadable request body: " + e.getMessage());
        }
    }

    /**
     * Reads a body in an array (as bodies are gathered) in place; another through a stream, which copies it into the
     * parser's buffer first. Byte offsets count from the body's first byte either way.
     */
    private static JsonParser parser(ByteBuf bytes) throws IOException {
        return bytes.hasArray()
                ? JSON.createParser(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
                : JSON.createParser((InputStream) new ByteBufInputStream(bytes));
    }

    private static Duration keepAlive(JsonParser parser, JsonToken value) throws IOException {
        try {
            if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                return KeepAlive.seconds(parser.getDecimalValue());
            }
            return value == JsonToken.VALUE_STRING ? KeepAlive.text(parser.getText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
