package adapters.relay;

import io.vertx.core.buffer.Buffer;
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
     * The request's body as a JSON object ({@code {}} when there is none), as the gate read it (bounded to the limit of
     * admin and node calls); null after answering 400, with {@code expected} saying what is wanted.
     */
    static JsonObject jsonBody(RoutingContext rc, String expected) {
        Buffer body = rc.body().buffer();
        try {
            return body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject();
        } catch (RuntimeException e) {
            error(rc, 400, "expected " + expected);
            return null;
        }
    }
}
