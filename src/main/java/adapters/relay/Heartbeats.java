package adapters.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import adapters.config.DiscoveryConfig;
import adapters.relay.EnrollmentTokens.Claims;
import adapters.relay.EnrollmentTokens.InvalidTokenException;
import core.fleet.Endpoint;
import core.fleet.EndpointOrigin;
import core.fleet.EndpointType;
import core.fleet.Fleet;
import core.fleet.SavedFleet;
import ports.out.EndpointDiscovery;
import ports.out.FleetStore;

/**
 * Nodes that are reachable but come and go register themselves: {@code POST /nodes/heartbeat} with an enrollment
 * token and {@code {"name", "url"[, "type"]}}, every few seconds. A node that misses its heartbeats for
 * {@code heartbeat_ttl} stops getting requests; after {@code heartbeat_expiry} it leaves the fleet. A single-use token
 * is spent by the first heartbeat and then keeps working for the node it registered. Registrations are saved and
 * restored at start, so the fleet keeps its heartbeat nodes (and their single-use tokens keep working) across a
 * restart; a restored node that does not beat again leaves after {@code heartbeat_expiry}. Event loop; never blocks.
 */
@ApplicationScoped
public class Heartbeats implements EndpointDiscovery {

    private static final Logger LOG = Logger.getLogger("drover.relay");

    private final Enrollment enrollment;
    private final Fleet fleet;
    private final FleetStore store;
    private final Vertx vertx;
    private final Duration ttl;
    private final Duration expiry;
    private final Map<String, Registration> registered = new ConcurrentHashMap<>();
    private volatile Listener listener;

    Heartbeats(Enrollment enrollment, Fleet fleet, FleetStore store, Vertx vertx, DiscoveryConfig config) {
        this.enrollment = enrollment;
        this.fleet = fleet;
        this.store = store;
        this.vertx = vertx;
        this.ttl = config.relay().heartbeatTtl();
        this.expiry = config.relay().heartbeatExpiry();
    }

    @Override
    public void start(Listener fleetListener) {
        listener = fleetListener;
        if (enrollment.enabled()) {
            vertx.setPeriodic(Math.max(100, Math.min(ttl.toMillis(), expiry.toMillis()) / 4), id -> sweep());
            store.saved().thenAccept(this::restore);
        }
    }

    @Override
    public EndpointOrigin origin() {
        return EndpointOrigin.HEARTBEAT;
    }

    /** Nodes registered before this start, each given a full {@code heartbeat_ttl} to beat again. */
    private void restore(SavedFleet saved) {
        for (SavedFleet.SavedEndpoint node : saved.endpoints(EndpointOrigin.HEARTBEAT)) {
            Endpoint endpoint = node.endpoint();
            Registration registration = new Registration(endpoint.url(), endpoint.type(), node.tokenId(),
                    System.nanoTime());
            if (registered.putIfAbsent(endpoint.name(), registration) == null) {
                listener.added(endpoint);
                LOG.infof("heartbeat: node %s restored at %s; it has %d s to beat again", endpoint.name(),
                        endpoint.url(), expiry.toSeconds());
            }
        }
    }

    void routes(@Observes Router router) {
        router.post("/nodes/heartbeat").handler(this::beat);
    }

    private void beat(RoutingContext rc) {
        if (!enrollment.enabled()) {
            RelayReplies.error(rc, 403, "relay and heartbeats are disabled on this gateway (discovery.relay.enabled)");
            return;
        }
        JsonObject body = RelayReplies.jsonBody(rc, "the heartbeat as a JSON object {\"name\": ..., \"url\": ...}");
        if (body == null) {
            return;
        }
        String name = body.getValue("name") instanceof String s ? s.strip() : "";
        Registration known = registered.get(name);
        Claims claims;
        try {
            claims = enrollment.admit(rc.request().getHeader("Authorization"), known == null);
        } catch (InvalidTokenException e) {
            enrollment.refused("heartbeat", rc.request().remoteAddress(), e.getMessage());
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
            RelayReplies.error(rc, 401, e.getMessage());
            return;
        }
        register(rc, claims, name, body, known);
    }

    private void register(RoutingContext rc, Claims claims, String name, JsonObject body, Registration known) {
        if (!Endpoint.PLAIN_NAME.matcher(name).matches()) {
            RelayReplies.error(rc, 400, "name must be letters, digits, '.', '_' or '-'");
            return;
        }
        if (claims.node() != null && !claims.node().equals(name)) {
            RelayReplies.error(rc, 401,
                    "enrollment token " + claims.id() + " is for node " + claims.node() + ", not " + name);
            return;
        }
        if (known != null && !known.tokenId.equals(claims.id())) {
            // A registration belongs to the token that made it: another token may not re-point the node.
            RelayReplies.error(rc, 409, "node " + name + " is registered with another enrollment token; it can be"
                    + " registered anew once it has missed its heartbeats for discovery.relay.heartbeat_expiry");
            return;
        }
        URI url;
        EndpointType type;
        try {
            url = new URI(body.getString("url", "").strip());
            type = EndpointType.valueOf(body.getString("type", "ollama").toUpperCase(Locale.ROOT));
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new URISyntaxException(url.toString(), "not an absolute http(s) URL");
            }
        } catch (URISyntaxException | IllegalArgumentException | ClassCastException e) {
            RelayReplies.error(rc, 400,
                    "url must be the node's absolute http(s) URL and type one of ollama, openai, auto");
            return;
        }
        if (known == null && fleet.get(name).isPresent()) {
            RelayReplies.error(rc, 409, "node " + name + " is already in the fleet (configured or connected)");
            return;
        }
        Registration now = new Registration(url, type, claims.id(), System.nanoTime());
        registered.put(name, now);
        boolean changed = known == null || !known.url.equals(url) || known.type != type;
        if (changed) {
            if (known != null) {
                listener.removed(name);
            }
            Endpoint endpoint = new Endpoint(name, url, type, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(2));
            listener.added(endpoint);
            store.joined(endpoint, EndpointOrigin.HEARTBEAT, claims.id());
            LOG.infof("heartbeat: node %s registered at %s", name, url);
        }
        fleet.get(name).ifPresent(state -> state.stale(false));
        RelayReplies.json(rc, 200, new JsonObject().put("status", changed ? "registered" : "refreshed")
                .put("ttl_seconds", ttl.toSeconds()));
    }

    private void sweep() {
        long now = System.nanoTime();
        registered.forEach((name, registration) -> {
            long age = now - registration.lastBeat;
            if (age > expiry.toNanos()) {
                if (registered.remove(name, registration)) {
                    LOG.infof("heartbeat: node %s removed after %d s without a heartbeat", name,
                            expiry.toSeconds());
                    listener.removed(name);
                    store.left(name);
                }
            } else if (age > ttl.toNanos()) {
                fleet.get(name).filter(state -> !state.stale()).ifPresent(state -> {
                    LOG.warnf("heartbeat: node %s missed its heartbeats; not routable until the next one", name);
                    state.stale(true);
                });
            }
        });
    }

    private record Registration(URI url, EndpointType type, String tokenId, long lastBeat) {
    }
}
