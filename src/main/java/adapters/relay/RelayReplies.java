package adapters.relay;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The relay's HTTP answers ({@code /nodes/heartbeat}, {@code /admin/tokens}): JSON, errors as {@code {"error"}}. */
final class RelayReplies {

    private RelayReplies() {
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    static void error(RoutingContext rc, int status, String message) {
        json(rc, status, new JsonObject().put("error", message));
    }

    /**
     * Reads a small JSON object body (at most 16 KB, declared by Content-Length; none means {@code {}}) and hands it
     * to {@code then}; answers 413 or 400 (with {@code expected} saying what is wanted) itself.
     */
    static void readSmallJson(RoutingContext rc, String expected, java.util.function.Consumer<JsonObject> then) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null && (!length.matches("\\d{1,5}") || Integer.parseInt(length) > MAX_BODY)) {
            error(rc, 413, "the body must be a small JSON object, at most 16 KB");
            return;
        }
        rc.request().body().onComplete(ar -> {
            if (ar.failed()) {
                return;
            }
            JsonObject body;
            try {
                body = ar.result().length() == 0 ? new JsonObject() : ar.result().toJsonObject();
            } catch (RuntimeException e) {
                error(rc, 400, "expected " + expected);
                return;
            }
            then.accept(body);
        });
        // The HTTP layer hands requests over paused; reading the body needs it flowing.
        rc.request().resume();
    }

    private static final int MAX_BODY = 16_384;
}
