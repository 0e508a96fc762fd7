package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import core.access.LogBudget;
import core.fleet.HeartbeatRefusedException;
import ports.in.ReceiveHeartbeatsUseCase;
import ports.in.ReceiveHeartbeatsUseCase.Beat;

/**
 * {@code POST /nodes/heartbeat}: a node that is reachable but comes and goes registers itself with an enrollment
 * token and {@code {"name", "url"[, "type"]}}. A refused token is logged at WARN within the budget of what clients
 * cause (never the token). Event loop; never blocks.
 */
@ApplicationScoped
class HeartbeatRoutes {

    private static final Logger LOG = Logger.getLogger("drover.relay");
    private static final String EXPECTED = "the heartbeat as a JSON object {\"name\": ..., \"url\": ...}";

    private final ReceiveHeartbeatsUseCase heartbeats;
    private final LogBudget faults;

    HeartbeatRoutes(ReceiveHeartbeatsUseCase heartbeats, LogBudget faults) {
        this.heartbeats = heartbeats;
        this.faults = faults;
    }

    void routes(@Observes Router router) {
        router.post("/nodes/heartbeat").handler(this::beat);
    }

    private void beat(RoutingContext rc) {
        JsonObject body = Replies.jsonObject(rc, EXPECTED);
        if (body == null) {
            return;
        }
        try {
            Beat beat = heartbeats.beat(rc.request().getHeader(HttpHeaders.AUTHORIZATION), text(body, "name"),
                    text(body, "url"), body.containsKey("type") ? text(body, "type") : null);
            Replies.json(rc.response(), 200, new JsonObject().put("status", beat.registered()
                    ? "registered"
                    : "refreshed").put("ttl_seconds", beat.ttl().toSeconds()).encode());
        } catch (HeartbeatRefusedException e) {
            refused(rc, e);
        }
    }

    private void refused(RoutingContext rc, HeartbeatRefusedException refusal) {
        if (refusal.reason() == HeartbeatRefusedException.Reason.UNAUTHORIZED) {
            faults.write(System.nanoTime(), "heartbeat: refused " + rc.request().remoteAddress() + ": "
                    + refusal.getMessage(), LOG::warn);
        }
        Replies.failure(Dialect.OLLAMA, rc.response(), refusal);
    }

    /** A string field as sent, {@code ""} when it is missing or not a string. */
    private static String text(JsonObject body, String field) {
        return body.getValue(field) instanceof String value ? value : "";
    }
}
