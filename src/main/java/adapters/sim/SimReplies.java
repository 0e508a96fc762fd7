package adapters.sim;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Error bodies and request parsing with Ollama's exact wording, native and OpenAI-shaped. */
final class SimReplies {

    static final String BUSY = "server busy, please try again.  maximum pending requests exceeded";
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private SimReplies() {
    }

    static void error(RoutingContext rc, int status, String message) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", message).encode());
    }

    static void openAiError(RoutingContext rc, int status, String message) {
        String type = status == 400 ? "invalid_request_error" : status == 404 ? "not_found_error" : "api_error";
        JsonObject error = new JsonObject().put("message", message).put("type", type).putNull("param").putNull("code");
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).encode());
    }

    /** The JSON body, or null after replying 400 the way Ollama does. */
    static JsonObject body(RoutingContext rc, boolean openAi) {
        String text = rc.body() == null ? null : rc.body().asString();
        if (text == null || text.isBlank()) {
            reply(rc, openAi, 400, "missing request body");
            return null;
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(text);
            if (parsed instanceof JsonObject object) {
                return object;
            }
            reply(rc, openAi, 400, "json: cannot unmarshal " + kind(parsed) + " into Go value of type api.Request");
        } catch (DecodeException e) {
            reply(rc, openAi, 400, "invalid character in request body: " + e.getMessage());
        }
        return null;
    }

    static void reply(RoutingContext rc, boolean openAi, int status, String message) {
        if (openAi) {
            openAiError(rc, status, message);
        } else {
            error(rc, status, message);
        }
    }

    /** True after replying, when a fault knob says this inference request fails now. */
    static boolean faulted(RoutingContext rc, SimNode node, boolean openAi) {
        SimFaults faults = node.faults();
        if (faults.busyBeyond() > 0 && node.stats().active() >= faults.busyBeyond()) {
            reply(rc, openAi, 503, BUSY);
            return true;
        }
        if (faults.failStatus() > 0) {
            reply(rc, openAi, faults.failStatus(), "simulated failure on node " + node.settings().name());
            return true;
        }
        return false;
    }

    /** Ollama's keep_alive: seconds as a number, a Go duration string, negative for forever; null when absent. */
    static Duration keepAlive(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return Duration.ofMillis((long) (n.doubleValue() * 1000));
        }
        String text = value.toString().trim();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        boolean negative = text.startsWith("-");
        String rest = negative ? text.substring(1) : text;
        Matcher m = DURATION_PART.matcher(rest);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            nanos += (long) (amount * switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            end = m.end();
        }
        if (end != rest.length() || rest.isEmpty()) {
            throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static String kind(Object parsed) {
        if (parsed == null) {
            return "null";
        }
        if (parsed instanceof String) {
            return "string";
        }
        if (parsed instanceof Number) {
            return "number";
        }
        if (parsed instanceof Boolean) {
            return "bool";
        }
        return "array";
    }
}
