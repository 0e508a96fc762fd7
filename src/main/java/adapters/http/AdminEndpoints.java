package adapters.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.DurationConverter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import core.MalformedRequestException;
import core.fleet.Node;
import core.fleet.NodeConflictException;
import core.fleet.NodeType;
import core.fleet.NodeView;
import ports.in.ManageFleetUseCase;

/**
 * The fleet over {@code /admin}: list nodes, add and remove nodes, drain and undrain them, re-read model lists. Every
 * change takes effect at once and is remembered across restarts. The admin key (or loopback) is checked by
 * {@link AccessGuard}. Event loop; never blocks.
 */
@ApplicationScoped
class AdminEndpoints {

    private static final Set<String> FIELDS = Set.of("name", "url", "type", "priority", "max_concurrency",
            "check_interval", "check_timeout", "health_path", "weight", "num_parallel");

    private final ManageFleetUseCase fleet;

    AdminEndpoints(ManageFleetUseCase fleet) {
        this.fleet = fleet;
    }

    void routes(@Observes Router router) {
        router.get("/admin/endpoints").handler(this::list);
        router.post("/admin/endpoints").handler(this::add);
        router.delete("/admin/endpoints/:name").handler(rc -> change(rc, () -> {
            fleet.remove(rc.pathParam("name"));
            return new JsonObject().put("removed", rc.pathParam("name"));
        }));
        router.post("/admin/endpoints/:name/drain").handler(rc -> change(rc,
                () -> view(fleet.drain(rc.pathParam("name"), true))));
        router.post("/admin/endpoints/:name/undrain").handler(rc -> change(rc,
                () -> view(fleet.drain(rc.pathParam("name"), false))));
        router.post("/admin/models/refresh").handler(this::refresh);
    }

    private void list(RoutingContext rc) {
        Replies.json(rc.response(), 200, new JsonObject().put("endpoints", views(fleet.endpoints())).encode());
    }

    private void add(RoutingContext rc) {
        try {
            String body = rc.body().asString();
            NodeView added = fleet.add(endpoint(body == null ? "" : body));
            Replies.json(rc.response(), 201, view(added).encode());
        } catch (RuntimeException e) {
            reply(rc, e);
        }
    }

    private void refresh(RoutingContext rc) {
        fleet.refreshModels().whenComplete((endpoints, error) -> rc.vertx().runOnContext(v -> {
            if (error != null) {
                reply(rc, error);
                return;
            }
            JsonArray nodes = new JsonArray();
            endpoints.forEach(e -> nodes.add(new JsonObject().put("name", e.name())
                    .put("status", lower(e.status().name())).put("models", new JsonArray(e.models()))));
            Replies.json(rc.response(), 200, new JsonObject().put("endpoints", nodes).encode());
        }));
    }

    private static void change(RoutingContext rc, java.util.function.Supplier<JsonObject> change) {
        try {
            Replies.json(rc.response(), 200, change.get().encode());
        } catch (RuntimeException e) {
            reply(rc, e);
        }
    }

    private static void reply(RoutingContext rc, Throwable error) {
        if (error instanceof NodeConflictException) {
            Replies.error(Dialect.OLLAMA, rc.response(), 409, error.getMessage());
        } else if (error instanceof IllegalArgumentException) {
            Replies.error(Dialect.OLLAMA, rc.response(), 400, error.getMessage());
        } else {
            Replies.failure(Dialect.OLLAMA, rc.response(), error);
        }
    }

    /** The node a {@code POST /admin/endpoints} body describes, with config.yaml's defaults. */
    static Node endpoint(String body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new MalformedRequestException("expected a JSON object such as {\"name\": \"gpu-b\", \"url\":"
                    + " \"http://10.0.0.12:11434\"}");
        }
        for (String field : json.fieldNames()) {
            if (field.equals("auth")) {
                throw new MalformedRequestException("auth is not accepted over the admin API (Drover does not store"
                        + " node credentials); list a node that needs one in config.yaml");
            }
            if (!FIELDS.contains(field)) {
                throw new MalformedRequestException("unknown field '" + field + "'; known: " + String.join(", ",
                        FIELDS.stream().sorted().toList()));
            }
        }
        String name = text(json, "name", null);
        if (name == null || !Node.PLAIN_NAME.matcher(name).matches()) {
            throw new MalformedRequestException("name is required: letters, digits, '.', '_' or '-', up to 63");
        }
        URI url = url(text(json, "url", null));
        NodeType type;
        try {
            type = NodeType.valueOf(text(json, "type", "ollama").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("type must be ollama, openai or auto");
        }
        return new Node(name, url, type, number(json, "priority", Integer.MIN_VALUE),
                number(json, "max_concurrency", 0), duration(json, "check_interval", "5s"),
                duration(json, "check_timeout", "2s"), text(json, "health_path", null), null,
                count(json, "weight"), count(json, "num_parallel"));
    }

    private static URI url(String value) {
        if (value == null) {
            throw new MalformedRequestException("url is required: the node's http:// or https:// address");
        }
        try {
            URI url = new URI(value);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                    || url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new URISyntaxException(value, "not an absolute http(s) URL with a host and no query");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new MalformedRequestException("url must be an absolute http:// or https:// URL with a host and no"
                    + " query, not '" + value + "'");
        }
    }

    private static String text(JsonObject json, String field, String fallback) {
        Object value = json.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new MalformedRequestException(field + " must be a string");
        }
        return s.strip();
    }

    private static int number(JsonObject json, String field, int min) {
        Object value = json.getValue(field);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Integer i) || i < min) {
            throw new MalformedRequestException(field + " must be a whole number" + (min == 0 ? " of 0 or more" : ""));
        }
        return i;
    }

    /** A whole number from 1 to 1000, 1 when absent. */
    private static int count(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return 1;
        }
        if (!(value instanceof Integer i) || i < 1 || i > 1000) {
            throw new MalformedRequestException(field + " must be a whole number from 1 to 1000");
        }
        return i;
    }

    private static Duration duration(JsonObject json, String field, String fallback) {
        String value = text(json, field, fallback);
        try {
            Duration d = DurationConverter.parseDuration(value);
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new MalformedRequestException(field + " must be a positive duration such as 5s or 500ms");
        }
    }

    private static JsonArray views(List<NodeView> endpoints) {
        JsonArray array = new JsonArray();
        endpoints.forEach(e -> array.add(view(e)));
        return array;
    }

    private static JsonObject view(NodeView e) {
        return new JsonObject().put("name", e.name()).put("url", e.url()).put("type", lower(e.type().name()))
                .put("origin", e.origin().label()).put("connector", e.connector())
                .put("status", lower(e.status().name())).put("routable", e.routable()).put("drained", e.drained())
                .put("priority", e.priority()).put("max_concurrency", e.maxConcurrency())
                .put("weight", e.weight()).put("num_parallel", e.numParallel()).put("in_flight", e.inFlight())
                .put("circuit", lower(e.circuit().name()))
                .put("models", new JsonArray(e.models())).put("last_error", e.lastError());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
