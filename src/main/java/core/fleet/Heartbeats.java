package core.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import core.Ticker;
import core.access.EnrollmentTokens.Claims;
import core.access.EnrollmentTokens.InvalidTokenException;
import core.fleet.HeartbeatRefusedException.Reason;
import ports.in.EnrollNodesUseCase;
import ports.in.ReceiveHeartbeatsUseCase;
import ports.out.FleetStore;
import ports.out.NodeDiscovery;

/**
 * Discovery by heartbeat: a node registers itself with an enrollment token and {@code name}, {@code url} and
 * {@code type}, every few seconds. A node that misses its heartbeats for {@code ttl} stops getting requests; after
 * {@code expiry} it leaves the fleet. A single-use token is spent by the first heartbeat and then keeps working for
 * the node it registered; a registration belongs to the token that made it. Registrations are saved and restored at
 * start, so heartbeat nodes (and their single-use tokens) survive a restart; a restored node that does not beat again
 * leaves after {@code expiry}. Thread-safe; never blocks.
 */
public final class Heartbeats implements NodeDiscovery, ReceiveHeartbeatsUseCase {

    private static final String BAD_ADDRESS = "url must be the node's absolute http(s) URL and type one of ollama, openai, auto";

    private final EnrollNodesUseCase enrollment;
    private final Fleet fleet;
    private final FleetStore store;
    private final ScheduledExecutorService timer;
    private final Ticker ticker;
    private final Duration ttl;
    private final Duration expiry;
    private final Events events;
    private final Map<String, Registration> registered = new ConcurrentHashMap<>();
    private volatile Listener listener;

    /** What happens to heartbeat nodes, for the log. */
    public interface Events {

        void registered(String name, URI url);

        void restored(String name, URI url, Duration expiry);

        void missed(String name);

        void removed(String name, Duration expiry);
    }

    public Heartbeats(EnrollNodesUseCase enrollment, Fleet fleet, FleetStore store, ScheduledExecutorService timer,
            Ticker ticker, Duration ttl, Duration expiry, Events events) {
        this.enrollment = enrollment;
        this.fleet = fleet;
        this.store = store;
        this.timer = timer;
        this.ticker = ticker;
        this.ttl = ttl;
        this.expiry = expiry;
        this.events = events;
    }

    @Override
    public void start(Listener fleetListener) {
        listener = fleetListener;
        if (enrollment.enabled()) {
            long period = Math.max(100, Math.min(ttl.toMillis(), expiry.toMillis()) / 4);
            timer.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
            store.saved().thenAccept(this::restore);
        }
    }

    @Override
    public NodeOrigin origin() {
        return NodeOrigin.HEARTBEAT;
    }

    @Override
    public Beat beat(String authorization, String name, String url, String type) throws HeartbeatRefusedException {
        if (!enrollment.enabled()) {
            throw new HeartbeatRefusedException(Reason.DISABLED,
                    "relay and heartbeats are disabled on this gateway (discovery.relay.enabled)");
        }
        String plainName = name == null ? "" : name.strip();
        Registration known = registered.get(plainName);
        Claims claims;
        try {
            claims = enrollment.admit(authorization, false);
            if (known == null || !known.tokenId.equals(claims.id())) {
                // a spent token keeps its own node registered and learns nothing else (not which names are taken)
                enrollment.refuseSpent(claims);
            }
        } catch (InvalidTokenException e) {
            throw new HeartbeatRefusedException(Reason.UNAUTHORIZED, e.getMessage());
        }
        return register(authorization, claims, plainName, url, type, known);
    }

    /** Every check first; a single-use token is spent only by the heartbeat that registers its node. */
    private Beat register(String authorization, Claims claims, String name, String url, String type,
            Registration known) throws HeartbeatRefusedException {
        if (!Node.PLAIN_NAME.matcher(name).matches()) {
            throw new HeartbeatRefusedException(Reason.INVALID, "name must be letters, digits, '.', '_' or '-'");
        }
        if (claims.node() != null && !claims.node().equals(name)) {
            throw new HeartbeatRefusedException(Reason.UNAUTHORIZED,
                    "enrollment token " + claims.id() + " is for node " + claims.node() + ", not " + name);
        }
        if (known != null && !known.tokenId.equals(claims.id())) {
            throw new HeartbeatRefusedException(Reason.CONFLICT, "node " + name + " is registered with another"
                    + " enrollment token; it can be registered anew once it has missed its heartbeats for"
                    + " discovery.relay.heartbeat_expiry");
        }
        URI address = address(url);
        NodeType kind = type(type);
        if (known == null && fleet.get(name).isPresent()) {
            throw new HeartbeatRefusedException(Reason.CONFLICT,
                    "node " + name + " is already in the fleet (configured or connected)");
        }
        if (known == null) {
            try {
                enrollment.admit(authorization, true);
            } catch (InvalidTokenException e) {
                throw new HeartbeatRefusedException(Reason.UNAUTHORIZED, e.getMessage());
            }
        }
        Registration now = new Registration(address, kind, claims.id(), ticker.nanoTime());
        registered.put(name, now);
        boolean changed = known == null || !known.url.equals(address) || known.type != kind;
        if (changed) {
            if (known != null) {
                listener.removed(name);
            }
            Node endpoint = new Node(name, address, kind, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(2));
            listener.added(endpoint);
            store.joined(endpoint, NodeOrigin.HEARTBEAT, claims.id());
            events.registered(name, address);
        }
        fleet.get(name).ifPresent(state -> state.stale(false));
        return new Beat(changed, ttl);
    }

    private static URI address(String url) throws HeartbeatRefusedException {
        try {
            URI address = new URI(url == null ? "" : url.strip());
            if (("http".equals(address.getScheme()) || "https".equals(address.getScheme()))
                    && address.getHost() != null) {
                return address;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new HeartbeatRefusedException(Reason.INVALID, BAD_ADDRESS);
    }

    private static NodeType type(String type) throws HeartbeatRefusedException {
        try {
            return NodeType.valueOf((type == null ? "ollama" : type).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HeartbeatRefusedException(Reason.INVALID, BAD_ADDRESS);
        }
    }

    /** Nodes registered before this start, each given a full {@code expiry} to beat again. */
    private void restore(SavedFleet saved) {
        for (SavedFleet.SavedNode node : saved.endpoints(NodeOrigin.HEARTBEAT)) {
            Node endpoint = node.endpoint();
            Registration registration = new Registration(endpoint.url(), endpoint.type(), node.tokenId(),
                    ticker.nanoTime());
            if (registered.putIfAbsent(endpoint.name(), registration) == null) {
                listener.added(endpoint);
                events.restored(endpoint.name(), endpoint.url(), expiry);
            }
        }
    }

    private void sweep() {
        long now = ticker.nanoTime();
        registered.forEach((name, registration) -> {
            long age = now - registration.lastBeat;
            if (age > expiry.toNanos()) {
                if (registered.remove(name, registration)) {
                    events.removed(name, expiry);
                    listener.removed(name);
                    store.left(name);
                }
            } else if (age > ttl.toNanos()) {
                fleet.get(name).filter(state -> !state.stale()).ifPresent(state -> {
                    events.missed(name);
                    state.stale(true);
                });
            }
        });
    }

    private record Registration(URI url, NodeType type, String tokenId, long lastBeat) {
    }
}
