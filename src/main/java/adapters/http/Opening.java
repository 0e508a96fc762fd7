package adapters.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The opening of a conversation as a 64-bit hash, read while {@link ModelField} tokenises the body: of a chat, every
 * message up to and including the first user message (its system prompt and first question, which every later turn
 * repeats word for word); of a completion, {@code system} and the first {@value #PROMPT_PREFIX} characters of
 * {@code prompt}. Text parts of multimodal content count; images do not. Not thread-safe: one per body.
 */
final class Opening {

    /** How much of a raw prompt names its conversation: later turns append to the end. */
    static final int PROMPT_PREFIX = 256;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long messages;
    private long system;
    private long prompt;

    /** Reads {@code messages} (the parser at {@code value}); leaves the parser at the array's end. */
    void messages(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        long hash = FNV_OFFSET;
        boolean opened = false;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (opened || token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            String role = null;
            long content = FNV_OFFSET;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken v = parser.nextToken();
                if ("role".equals(field) && v == JsonToken.VALUE_STRING) {
                    role = parser.getText();
                } else if ("content".equals(field)) {
                    content = content(parser, v);
                } else {
                    parser.skipChildren();
                }
            }
            hash = text(text(hash, role == null ? "" : role), Long.toString(content));
            opened = "user".equals(role);
        }
        messages = opened ? hash : 0;
    }

    void system(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            system = text(FNV_OFFSET, parser.getText());
        }
    }

    void prompt(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            prompt = text.isEmpty() ? 0 : text(FNV_OFFSET, text.substring(0, Math.min(PROMPT_PREFIX, text.length())));
        }
    }

    /** The conversation's hash; 0 when the body has no prompt to name one by. */
    long hash() {
        if (messages == 0 && prompt == 0) {
            return 0;
        }
        long mixed = mix(messages * 31 + system * 17 + prompt);
        return mixed == 0 ? 1 : mixed;
    }

    /** A 64-bit hash of {@code parts}, for sessions named by the client; never 0. */
    static long of(String... parts) {
        long hash = FNV_OFFSET;
        for (String part : parts) {
            hash = text(hash, part == null ? "" : part);
            hash = (hash ^ 0xff) * FNV_PRIME;
        }
        long mixed = mix(hash);
        return mixed == 0 ? 1 : mixed;
    }

    /** A message's content: a string, or the text of its parts. */
    private static long content(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return text(FNV_OFFSET, parser.getText());
        }
        if (value != JsonToken.START_ARRAY && value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return FNV_OFFSET;
        }
        long hash = FNV_OFFSET;
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                break;
            }
            if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
                depth++;
            } else if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
                depth--;
            } else if (token == JsonToken.FIELD_NAME && "text".equals(parser.currentName())) {
                JsonToken part = parser.nextToken();
                if (part == JsonToken.VALUE_STRING) {
                    hash = text(hash, parser.getText());
                } else if (part == JsonToken.START_ARRAY || part == JsonToken.START_OBJECT) {
                    depth++;
                }
            }
        }
        return hash;
    }

    private static long text(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    /** MurmurHash3's 64-bit finaliser: spreads FNV's weak high bits. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
