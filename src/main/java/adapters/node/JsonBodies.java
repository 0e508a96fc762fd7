package adapters.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.vertx.core.buffer.Buffer;

/**
 * Reads nodes' control-plane JSON with Jackson's streaming parser: no object mapper (whose first use costs a cold
 * event loop a few hundred milliseconds), no tree, and each list entry kept as the node's own bytes.
 */
final class JsonBodies {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonBodies() {
    }

    /** One object of a listed array: its exact JSON text and its top-level string and number fields. */
    record Entry(String raw, Map<String, String> strings, Map<String, Long> numbers) {

        String string(String field) {
            return strings.get(field);
        }
    }

    /** The top-level string {@code field} of a JSON object; null when absent. Fails if the body is no object. */
    static String stringField(Buffer body, String field) {
        return topLevel(body, field, (parser, value) -> value == JsonToken.VALUE_STRING ? parser.getText() : null);
    }

    /** Whether the body is a JSON object whose top-level {@code field} is an array. */
    static boolean hasArray(Buffer body, String field) {
        try {
            return Boolean.TRUE.equals(topLevel(body, field, (parser, value) -> value == JsonToken.START_ARRAY));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** What {@code read} makes of the top-level {@code field}'s first token; null when the field is absent. */
    private static <T> T topLevel(Buffer body, String field, FieldReader<T> read) {
        try (JsonParser parser = JSON.createParser(body.getBytes())) {
            expectObject(parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    return read.read(parser, value);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("answered malformed JSON");
        }
    }

    private interface FieldReader<T> {

        T read(JsonParser parser, JsonToken value) throws IOException;
    }

    /** The objects of the top-level array {@code field} (null or absent: none). Fails if the body is no object. */
    static List<Entry> entries(Buffer body, String field) {
        byte[] bytes = body.getBytes();
        List<Entry> result = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(bytes)) {
            expectObject(parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() == JsonToken.START_OBJECT) {
                            result.add(entry(parser, bytes));
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("answered malformed JSON");
        }
    }

    private static Entry entry(JsonParser parser, byte[] bytes) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        Map<String, String> strings = new HashMap<>();
        Map<String, Long> numbers = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                strings.put(name, parser.getText());
            } else if (value == JsonToken.VALUE_NUMBER_INT) {
                numbers.put(name, parser.getLongValue());
            } else {
                parser.skipChildren();
            }
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return new Entry(new String(bytes, start, end - start, StandardCharsets.UTF_8), strings, numbers);
    }

    private static void expectObject(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("did not answer a JSON object");
        }
    }

    /** A failure's message without the wrapping of asynchronous stages. */
    static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
