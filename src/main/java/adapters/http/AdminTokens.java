package adapters.http;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.DurationConverter;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import ports.in.EnrollNodesUseCase;

/**
 * {@code POST /admin/tokens}: mints an enrollment token, as {@code drover token create} does, for automation
 * ({@code {"ttl": "1h", "single_use": true, "name": "gpu-home"}}, all optional). Who may call it is decided at the
 * gate for all of {@code /admin}: an admin key, or loopback while none is configured. Event loop; never blocks.
 */
@ApplicationScoped
class AdminTokens {

    private static final String EXPECTED = "{\"ttl\": \"1h\", \"single_use\": false, \"name\": \"node\"} (all optional)";

    private final EnrollNodesUseCase enrollment;

    AdminTokens(EnrollNodesUseCase enrollment) {
        this.enrollment = enrollment;
    }

    void routes(@Observes Router router) {
        router.post("/admin/tokens").handler(this::mint);
    }

    private void mint(RoutingContext rc) {
        if (!enrollment.enabled()) {
            Replies.error(Dialect.OLLAMA, rc.response(), 403,
                    "the relay is disabled on this gateway (discovery.relay.enabled)");
            return;
        }
        JsonObject body = Replies.jsonObject(rc, EXPECTED);
        if (body == null) {
            return;
        }
        try {
            Duration ttl = DurationConverter.parseDuration(body.getString("ttl", "1h"));
            String token = enrollment.issue(ttl, body.getString("name"), body.getBoolean("single_use", false));
            Replies.json(rc.response(), 200,
                    new JsonObject().put("token", token).put("ttl_seconds", ttl.toSeconds()).encode());
        } catch (RuntimeException e) {
            Replies.error(Dialect.OLLAMA, rc.response(), 400, "expected " + EXPECTED + ": " + e.getMessage());
        }
    }
}
