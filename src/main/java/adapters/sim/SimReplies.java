package adapters.sim;

import java.math.BigDecimal;
import java.time.Duration;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import core.fleet.KeepAlive;

/** Error bodies and request parsing with Ollama's exact wording, native and OpenAI-shaped. */
final class SimReplies {

    static final String BUSY = "server busy, please try again.  maximum pending requests exceeded";

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

    /** Ollama's keep_alive ({@link KeepAlive}); null when absent; IllegalArgumentException in Ollama's words. */
    static Duration keepAlive(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            double seconds = n.doubleValue();
            // A number past double's range reads as infinite: as long as Ollama keeps anything.
            return Double.isInfinite(seconds) ? KeepAlive.FOREVER : KeepAlive.seconds(new BigDecimal(n.toString()));
        }
        return KeepAlive.text(value.toString());
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
