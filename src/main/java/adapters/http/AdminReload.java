package adapters.http;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import core.settings.ReloadOutcome;
import ports.in.ReloadConfigUseCase;

/**
 * {@code POST /admin/reload}: reads config.yaml again and applies it (200 with what changed), or says why nothing was
 * applied (422). The admin key (or loopback) is checked by {@link AccessGuard}; the file is read off the event loop.
 */
@ApplicationScoped
class AdminReload {

    private final ReloadConfigUseCase reload;

    AdminReload(ReloadConfigUseCase reload) {
        this.reload = reload;
    }

    void routes(@Observes Router router) {
        router.post("/admin/reload").handler(this::reload);
    }

    private void reload(RoutingContext rc) {
        rc.vertx().<ReloadOutcome>executeBlocking(() -> reload.reload("POST /admin/reload"), false).onComplete(ar -> {
            if (ar.failed()) {
                Replies.failure(Dialect.OLLAMA, rc.response(), ar.cause());
                return;
            }
            ReloadOutcome outcome = ar.result();
            JsonObject body = new JsonObject().put("result", outcome.result().name().toLowerCase(Locale.ROOT))
                    .put("changes", new JsonArray(outcome.changes()));
            if (outcome.failed()) {
                body.put("error", "config.yaml not applied: " + outcome.problem());
            }
            Replies.json(rc.response(), outcome.failed() ? 422 : 200, body.encode());
        });
    }
}
