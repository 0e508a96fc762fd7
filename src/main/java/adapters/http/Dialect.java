package adapters.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The protocol a client spoke, which decides how Drover's own errors look to it: Ollama's {@code {"error": "..."}}
 * (a line of NDJSON mid-stream) or OpenAI's error object (an SSE {@code data:} frame mid-stream).
 */
enum Dialect {

    OLLAMA("GET /api/tags") {
        @Override
        String errorBody(int status, String message) {
            return "{\"error\":" + quote(message) + "}";
        }

        @Override
        String streamError(String message) {
            return errorBody(500, message) + "\n";
        }
    },

    OPENAI("GET /v1/models") {
        @Override
        String errorBody(int status, String message) {
            return "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"" + type(status)
                    + "\",\"param\":null,\"code\":null}}";
        }

        @Override
        String streamError(String message) {
            return "data: " + errorBody(500, message) + "\n\n";
        }

        /** The error types the openai SDKs and Ollama's /v1 layer use for each status. */
        private static String type(int status) {
            return switch (status) {
                case 400, 413, 431 -> "invalid_request_error";
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 404 -> "not_found_error";
                case 429 -> "rate_limit_error";
                default -> "api_error";
            };
        }
    };

    private final String modelListCall;

    Dialect(String modelListCall) {
        this.modelListCall = modelListCall;
    }

    /** The dialect of a request path: OpenAI's under {@code /v1}, Ollama's everywhere else. */
    static Dialect of(String path) {
        return path != null && path.startsWith("/v1") ? OPENAI : OLLAMA;
    }

    /** A complete error body for a reply with this status. */
    abstract String errorBody(int status, String message);

    /** What ends a stream that failed after its first byte, so the client never mistakes the cut for an end. */
    abstract String streamError(String message);

    /** The call that lists the models a client of this dialect can use. */
    String modelListCall() {
        return modelListCall;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"').toString();
    }
}
