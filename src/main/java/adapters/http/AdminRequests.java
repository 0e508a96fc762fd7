package adapters.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import adapters.config.BuildContents;
import adapters.config.DatabaseConfig;
import core.MalformedRequestException;
import core.fleet.ModelName;
import core.journal.RequestQuery;
import core.journal.RequestRecord;
import core.journal.UsageLine;
import ports.in.ReviewRequestsUseCase;

/**
 * {@code GET /admin/requests} (recent requests, filtered) and {@code GET /admin/usage} (per key, model and node over a
 * window) from the request log. The database is read on a worker thread; a database that does not answer gives 503.
 * The admin key (or loopback) is checked by {@link AccessGuard}.
 */
@ApplicationScoped
class AdminRequests {

    private final ReviewRequestsUseCase history;
    private final boolean kept;
    private final String off;

    AdminRequests(ReviewRequestsUseCase history, DatabaseConfig database, Config config) {
        this.history = history;
        this.kept = database.requestLog().enabled();
        this.off = "the request log is off; turn it on with database.request_log.enabled: true"
                + (BuildContents.full(config) ? "" : " in Drover's full build (docs/operations.md, \"Two builds\")")
                + " (the access log and /q/metrics see every request)";
    }

    void routes(@Observes Router router) {
        router.get("/admin/requests").handler(this::off).handler(this::recent);
        router.get("/admin/usage").handler(this::off).handler(this::usage);
    }

    /** With the request log off there is nothing to read: say so instead of an empty list that looks like no traffic. */
    private void off(RoutingContext rc) {
        if (kept) {
            rc.next();
        } else {
            Replies.error(Dialect.OLLAMA, rc.response(), 404, off);
        }
    }

    private void recent(RoutingContext rc) {
        RequestQuery query;
        try {
            query = new RequestQuery(model(rc), param(rc, "endpoint"), number(rc, "status"), since(rc),
                    number(rc, "limit") == null ? 100 : number(rc, "limit"));
        } catch (MalformedRequestException e) {
            Replies.error(Dialect.OLLAMA, rc.response(), 400, e.getMessage());
            return;
        }
        blocking(rc, () -> {
            JsonArray rows = new JsonArray();
            for (RequestRecord r : history.recent(query)) {
                rows.add(new JsonObject().put("request_id", r.requestId()).put("started_at", r.startedAt().toString())
                        .put("key", r.keyName()).put("route", r.route()).put("model", r.model())
                        .put("endpoint", r.endpoint()).put("status", r.status())
                        .put("duration_ms", r.durationMillis()).put("first_byte_ms", positive(r.firstByteMillis()))
                        .put("attempts", r.attempts()).put("prompt_tokens", positive(r.promptTokens()))
                        .put("completion_tokens", positive(r.completionTokens()))
                        .put("route_reason", r.routeReason()).put("cold_start", r.coldStart())
                        .put("affinity", r.affinity()).put("served_model", r.servedModel())
                        .put("fallback", r.fallback()));
            }
            return new JsonObject().put("requests", rows);
        });
    }

    private void usage(RoutingContext rc) {
        Duration window;
        try {
            String value = param(rc, "window");
            window = DurationConverter.parseDuration(value == null ? "24h" : value);
        } catch (IllegalArgumentException e) {
            Replies.error(Dialect.OLLAMA, rc.response(), 400, "window must be a duration such as 24h, 7d or 15m");
            return;
        }
        Instant since = Instant.now().minus(window);
        blocking(rc, () -> {
            JsonArray rows = new JsonArray();
            List<UsageLine> lines = history.usage(since);
            for (UsageLine u : lines) {
                rows.add(new JsonObject().put("key", u.keyName()).put("model", u.model()).put("endpoint", u.endpoint())
                        .put("requests", u.requests()).put("errors", u.errors())
                        .put("prompt_tokens", u.promptTokens()).put("completion_tokens", u.completionTokens()));
            }
            return new JsonObject().put("since", since.toString()).put("usage", rows);
        });
    }

    private static void blocking(RoutingContext rc, Supplier<JsonObject> query) {
        rc.vertx().<JsonObject>executeBlocking(query::get, false).onComplete(ar -> {
            if (ar.succeeded()) {
                Replies.json(rc.response(), 200, ar.result().encode());
            } else {
                Replies.error(Dialect.OLLAMA, rc.response(), 503, "the request log cannot be read now: "
                        + ar.cause().getClass().getSimpleName());
            }
        });
    }

    private static Long positive(long value) {
        return value < 0 ? null : value;
    }

    private static String param(RoutingContext rc, String name) {
        String value = rc.request().getParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String model(RoutingContext rc) {
        String value = param(rc, "model");
        return value == null ? null : ModelName.requested(value).canonical();
    }

    private static Integer number(RoutingContext rc, String name) {
        String value = param(rc, name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new MalformedRequestException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static Instant since(RoutingContext rc) {
        String value = param(rc, "since");
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return Instant.now().minus(DurationConverter.parseDuration(value));
            } catch (IllegalArgumentException notADuration) {
                throw new MalformedRequestException("since must be an instant (2026-11-23T10:00:00Z) or a duration"
                        + " back from now (15m, 24h), not '" + value + "'");
            }
        }
    }
}
