package adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;

import core.MalformedRequestException;
import core.fleet.KeepAlive;

/**
 * Reads what routing needs from a JSON request body without building a tree: the top-level {@code model} (or the
 * legacy {@code name}) string, and {@code keep_alive} ({@link KeepAlive}; null when it is not one Ollama takes: the node refuses it in its own words). The whole body is tokenised, so
 * malformed JSON is refused here with 400, as Ollama would. Thread-safe; allocation-light.
 */
final class ModelField {

    private static final JsonFactory JSON = new JsonFactory();

    private ModelField() {
    }

    /** The model the body names (null when none) and its keep-alive (null when absent or not one Ollama takes). */
    record Fields(String model, Duration keepAlive) {
    }

    /** The routing fields of the body; throws {@link MalformedRequestException}. */
    static Fields read(Buffer body) {
        if (body.length() == 0) {
            throw new MalformedRequestException("missing request body");
        }
        try (JsonParser parser = JSON.createParser((InputStream) new ByteBufInputStream(body.getByteBuf()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRequestException("request body must be a JSON object");
            }
            String model = null;
            String name = null;
            Duration keepAlive = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("keep_alive".equals(field)) {
                    keepAlive = keepAlive(parser, value);
                }
                if ("model".equals(field) || "name".equals(field)) {
                    if (value == JsonToken.VALUE_STRING) {
                        if ("model".equals(field)) {
                            model = parser.getText();
                        } else {
                            name = parser.getText();
                        }
                        continue;
                    }
                    if (value != JsonToken.VALUE_NULL) {
                        throw new MalformedRequestException("field '" + field + "' must be a string");
                    }
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new MalformedRequestException("invalid JSON: unexpected data after the JSON object");
            }
            return new Fields(model != null && !model.isEmpty() ? model : name, keepAlive);
        } catch (JsonParseException e) {
            throw new MalformedRequestException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedRequestException("unreadable request body: " + e.getMessage());
        }
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
