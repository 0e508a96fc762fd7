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
}
