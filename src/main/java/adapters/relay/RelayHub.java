package adapters.relay;

import static adapters.relay.RelayProtocol.DISABLED;
import static adapters.relay.RelayProtocol.DUPLICATE;
import static adapters.relay.RelayProtocol.INITIAL_CREDIT;
import static adapters.relay.RelayProtocol.PROTOCOL_ERROR;
import static adapters.relay.RelayProtocol.UNAUTHORIZED;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import adapters.relay.RelayFrame.MalformedFrameException;
import adapters.relay.RelayFrame.Type;
import core.access.EnrollmentTokens.Claims;
import core.access.EnrollmentTokens.InvalidTokenException;
import core.access.LogBudget;
import core.fleet.Fleet;
import core.fleet.Node;
import core.fleet.NodeOrigin;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.in.EnrollNodesUseCase;
import ports.out.NodeDiscovery;
import ports.out.NodeTransport;

/**
 * The gateway's side of the relay: checks each agent's enrollment token when it connects, takes its HELLO and keeps
 * one link per node name. Refusals close the WebSocket with a code and a reason that never contain the token, and
 * are logged the same way. Event loop; never blocks.
 */
@ApplicationScoped
public class RelayHub implements NodeDiscovery, NodeTransport {

    private static final Logger LOG = Logger.getLogger("drover.relay");

    private final EnrollNodesUseCase enrollment;
    private final LogBudget faults;
    private final Fleet fleetNodes;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, RelayLink> links = new ConcurrentHashMap<>();
    /** Connections this hub is closing: what their peer sent before it heard is not a new fault. */
    private final Set<String> closing = ConcurrentHashMap.newKeySet();
    private volatile Listener fleet;

    RelayHub(EnrollNodesUseCase enrollment, Fleet fleetNodes, LogBudget faults) {
        this.fleetNodes = fleetNodes;
        this.enrollment = enrollment;
        this.faults = faults;
    }

    @Override
    public void start(Listener listener) {
        fleet = listener;
    }

    @Override
    public NodeOrigin origin() {
        return NodeOrigin.RELAY;
    }

    @Override
    public CompletionStage<ProxyResponse> open(Node endpoint, ProxyRequest request) {
        RelayLink link = links.get(endpoint.name());
        return link == null ? RelayLink.notConnected(endpoint.name()) : link.open(request);
    }

    /** The node names with a live link. */
    public Set<String> connected() {
        return Set.copyOf(links.keySet());
    }

    void opened(WebSocketConnection connection) {
        String remote = connection.handshakeRequest().remoteAddress();
        if (!enrollment.enabled()) {
            refuse(connection, DISABLED, "relay is disabled on this gateway (discovery.relay.enabled)", remote);
            return;
        }
        Claims claims;
        try {
            claims = enrollment.admit(connection.handshakeRequest().header("Authorization"), false);
            // before the HELLO's name is looked at: a spent token must not learn which names are taken
            enrollment.refuseSpent(claims);
        } catch (InvalidTokenException e) {
            refuse(connection, UNAUTHORIZED, e.getMessage(), remote);
            return;
        }
        pending.put(connection.id(), new Pending(claims, remote));
    }

    void frame(WebSocketConnection connection, Buffer message) {
        RelayFrame frame;
        try {
            frame = RelayFrame.decode(message.getByteBuf().nioBuffer());
        } catch (MalformedFrameException e) {
            protocolError(connection, e.getMessage());
            return;
        }
        Pending hello = pending.remove(connection.id());
        if (hello != null) {
            welcome(connection, hello, frame);
            return;
        }
        RelayLink link = linkOf(connection);
        if (link == null) {
            protocolError(connection, "frame before HELLO");
            return;
        }
        link.received(frame);
    }

    void closed(WebSocketConnection connection) {
        pending.remove(connection.id());
        closing.remove(connection.id());
        RelayLink link = linkOf(connection);
        names.remove(connection.id());
        if (link != null && links.remove(link.name(), link)) {
            LOG.infof("relay: node %s disconnected (%s)", link.name(), link.remote());
            link.lost();
            Listener listener = fleet;
            if (listener != null) {
                listener.removed(link.name());
            }
        }
    }

    void protocolError(WebSocketConnection connection, String reason) {
        if (closing.contains(connection.id())) {
            return; // e.g. the HELLO of an agent refused at connect, sent before the refusal reached it
        }
        fault("relay: protocol error from " + connection.handshakeRequest().remoteAddress() + ": " + reason);
        close(connection, PROTOCOL_ERROR, reason);
    }

    /** The link broke under a frame the WebSocket layer could not take (too large, corrupt): the peer's fault. */
    void failed(WebSocketConnection connection, Throwable error) {
        if (closing.contains(connection.id())) {
            return;
        }
        fault("relay: connection from " + connection.handshakeRequest().remoteAddress() + " failed: "
                + error.getMessage());
        close(connection, PROTOCOL_ERROR, "broken frame");
    }

    private void welcome(WebSocketConnection connection, Pending hello, RelayFrame frame) {
        if (frame.type() != Type.HELLO) {
            protocolError(connection, "the first frame must be HELLO, not " + frame.type());
            return;
        }
        JsonObject info;
        try {
            info = new JsonObject(frame.text());
        } catch (RuntimeException e) {
            protocolError(connection, "HELLO is not a JSON object");
            return;
        }
        String name = info.getValue("name") instanceof String s ? s.strip() : "";
        if (name.isEmpty() || !Node.PLAIN_NAME.matcher(name).matches()) {
            protocolError(connection, "HELLO needs a node name of letters, digits, '.', '_' or '-'");
            return;
        }
        if (hello.claims.node() != null && !hello.claims.node().equals(name)) {
            refuse(connection, UNAUTHORIZED, "enrollment token " + hello.claims.id() + " is for node "
                    + hello.claims.node() + ", not " + name, hello.remote);
            return;
        }
        if (fleetNodes.get(name).isPresent() && !links.containsKey(name)) {
            refuse(connection, DUPLICATE, "node " + name + " is already in the fleet (configured or registered)",
                    hello.remote);
            return;
        }
        try {
            // Spent only now, by the connection that passed every check: a wrong name does not burn the token.
            enrollment.admit(connection.handshakeRequest().header("Authorization"), true);
        } catch (InvalidTokenException e) {
            refuse(connection, UNAUTHORIZED, e.getMessage(), hello.remote);
            return;
        }
        RelayLink link = new RelayLink(name, connection, hello.remote, info);
        if (links.putIfAbsent(name, link) != null) {
            refuse(connection, DUPLICATE, "node " + name + " is already connected", hello.remote);
            return;
        }
        names.put(connection.id(), name);
        LOG.infof("relay: node %s connected from %s with %s", name, hello.remote, hello.claims);
        link.send(RelayFrame.text(Type.WELCOME, 0, new JsonObject().put("initial_credit", INITIAL_CREDIT)
                .encode()));
        Listener listener = fleet;
        if (listener != null) {
            listener.added(Node.relayed(name, link.capacity()));
        }
    }

    private RelayLink linkOf(WebSocketConnection connection) {
        String name = names.get(connection.id());
        return name == null ? null : links.get(name);
    }

    private void refuse(WebSocketConnection connection, int code, String reason, String remote) {
        fault("relay: refused " + remote + ": " + reason);
        close(connection, code, reason);
    }

    /** What an agent or a stranger at the door did wrong: WARN within the budget of what clients cause. */
    private void fault(String line) {
        faults.write(System.nanoTime(), line, LOG::warn);
    }

    /** Closes unless the peer already did (closing twice makes the WebSocket layer warn, once per stranger). */
    private void close(WebSocketConnection connection, int code, String reason) {
        if (!connection.isClosed() && closing.add(connection.id())) {
            connection.close(new CloseReason(code, reason)).subscribe().with(v -> {
            }, e -> {
            });
        }
    }

    private record Pending(Claims claims, String remote) {
    }
}
