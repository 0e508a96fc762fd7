package adapters.relay.agent;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.netty.buffer.Unpooled;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import adapters.relay.RelayFrame;
import adapters.relay.RelayFrame.MalformedFrameException;
import adapters.relay.RelayFrame.Type;
import adapters.relay.RelayProtocol;

/**
 * {@code drover agent}: dials the gateway's relay, says HELLO, and serves the local Ollama through the link, one
 * {@link AgentStream} per request. Reconnects with jittered exponential back-off (0.5 s doubling to 30 s) when the
 * link drops or the gateway restarts; a refused enrollment (4401, 4403) stops it, since retrying cannot help. On
 * shutdown it drains: no new requests, the ones in flight finish. Streams are spread over the event loops ("lanes"),
 * so one stream's burst does not delay another's first byte; each stream stays on its lane. Runs on plain Vert.x,
 * without the gateway; never blocks an event loop.
 */
public final class RelayAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("drover.agent");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** Where to dial, who to be, and which Ollama to serve. */
    public record Settings(URI gateway, String token, URI ollama, String name, int capacity, String version) {
    }

    private final Vertx vertx;
    private final Settings settings;
    private final WebSocketClient sockets;
    private final HttpClient node;
    private final Map<Integer, AgentStream> streams = new ConcurrentHashMap<>();
    private final List<Context> lanes = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextLane = new AtomicInteger();
    private volatile String lanesDeployment;
    private volatile WebSocket link;
    private volatile boolean welcomed;
    private volatile boolean stopped;
    private volatile boolean draining;
    private int initialCredit = RelayProtocol.INITIAL_CREDIT;
    private Duration backoff = FIRST_BACKOFF;

    public RelayAgent(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.sockets = vertx.createWebSocketClient();
        this.node = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)
                .setSsl("https".equals(settings.ollama().getScheme())).setName("drover-agent-node"));
    }

    public void start() {
        int count = Math.max(1, Runtime.getRuntime().availableProcessors());
        vertx.deployVerticle(Lane::new, new DeploymentOptions().setInstances(count)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warnf("cannot spread streams over event loops: %s", ar.cause().getMessage());
            } else {
                lanesDeployment = ar.result();
            }
            vertx.runOnContext(v -> connect());
        });
    }

    /** An event loop context streams can be placed on. */
    private final class Lane extends AbstractVerticle {
        @Override
        public void start() {
            lanes.add(context);
        }
    }

    private Context lane() {
        return lanes.isEmpty()
                ? vertx.getOrCreateContext()
                : lanes.get(Math.floorMod(nextLane.getAndIncrement(), lanes.size()));
    }

    /** Connected and accepted by the gateway. */
    public boolean welcomed() {
        return welcomed;
    }

    /** Requests being served now. */
    public int active() {
        return streams.size();
    }

    /** Requests held back because their client stopped reading (credit exhausted). */
    public long paused() {
        return streams.values().stream().filter(AgentStream::paused).count();
    }

    /** Drops the current link as a network failure would; the agent reconnects on its own. */
    public void dropLink() {
        WebSocket current = link;
        if (current != null) {
            current.close((short) 1001, "link dropped").onComplete(ar -> {
            });
        }
    }

    /**
     * Leaves cleanly: new requests are refused (the gateway sends them elsewhere), requests in flight get up to
     * {@code timeout} to finish, then the link closes. Blocks the caller; never call it on an event loop.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!streams.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        boolean finished = streams.isEmpty();
        close();
        return finished;
    }

    @Override
    public void close() {
        stopped = true;
        streams.values().forEach(AgentStream::cancel);
        streams.clear();
        WebSocket current = link;
        if (current != null) {
            current.close((short) 1000, "agent stopping");
        }
        String deployment = lanesDeployment;
        if (deployment != null) {
            lanesDeployment = null;
            vertx.undeploy(deployment).onComplete(ar -> {
            });
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        URI gateway = settings.gateway();
        boolean tls = "wss".equals(gateway.getScheme()) || "https".equals(gateway.getScheme());
        int port = gateway.getPort() > 0 ? gateway.getPort() : tls ? 443 : 80;
        String path = gateway.getRawPath() == null || gateway.getRawPath().isEmpty() || gateway.getRawPath().equals("/")
                ? "/relay/connect"
                : gateway.getRawPath();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(gateway.getHost()).setPort(port)
                .setSsl(tls).setURI(path).addHeader("Authorization", "Bearer " + settings.token());
        sockets.connect(options).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warnf("cannot reach the gateway at %s: %s", gateway, ar.cause().getMessage());
                retry();
                return;
            }
            attach(ar.result());
        });
    }

    private void attach(WebSocket socket) {
        link = socket;
        socket.binaryMessageHandler(this::received);
        socket.closeHandler(v -> lost(socket));
        socket.exceptionHandler(e -> LOG.debugf("link error: %s", e.getMessage()));
        JsonObject hello = new JsonObject().put("name", settings.name()).put("models", new JsonArray())
                .put("capacity", settings.capacity()).put("agent_version", settings.version());
        send(RelayFrame.text(Type.HELLO, 0, hello.encode()));
    }

    private void received(Buffer message) {
        RelayFrame frame;
        try {
            frame = RelayFrame.decode(message.getByteBuf().nioBuffer());
        } catch (MalformedFrameException e) {
            LOG.warnf("protocol error from the gateway: %s", e.getMessage());
            link.close((short) RelayProtocol.PROTOCOL_ERROR, e.getMessage());
            return;
        }
        switch (frame.type()) {
            case WELCOME -> {
                initialCredit = new JsonObject(frame.text()).getInteger("initial_credit", RelayProtocol.INITIAL_CREDIT);
                welcomed = true;
                backoff = FIRST_BACKOFF;
                LOG.infof("connected to %s as %s, serving %s", settings.gateway(), settings.name(),
                        settings.ollama());
            }
            case REQUEST -> {
                if (draining) {
                    send(RelayFrame.text(Type.ERROR, frame.stream(), "the agent is shutting down"));
                    return;
                }
                AgentStream stream = new AgentStream(this, frame.stream(), initialCredit, lane());
                streams.put(frame.stream(), stream);
                stream.start(node, settings.ollama(), new JsonObject(frame.requestHead()), frame.requestBody());
            }
            case CREDIT -> {
                AgentStream stream = streams.get(frame.stream());
                if (stream != null) {
                    stream.credit(frame.credit());
                }
            }
            case CANCEL -> {
                AgentStream stream = streams.remove(frame.stream());
                if (stream != null) {
                    stream.cancel();
                }
            }
            default -> LOG.debugf("ignored %s from the gateway", frame.type());
        }
    }

    private void lost(WebSocket socket) {
        if (link != socket) {
            return;
        }
        link = null;
        welcomed = false;
        streams.values().forEach(AgentStream::cancel);
        streams.clear();
        Short code = socket.closeStatusCode();
        if (code != null && (code == RelayProtocol.UNAUTHORIZED || code == RelayProtocol.DISABLED)) {
            LOG.errorf("the gateway refused this agent: %s", socket.closeReason());
            stopped = true;
            return;
        }
        if (!stopped) {
            LOG.warnf("link to the gateway lost (%s); reconnecting", socket.closeReason());
            retry();
        }
    }

    private void retry() {
        if (stopped) {
            return;
        }
        long base = backoff.toMillis();
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        vertx.setTimer(Math.max(1, delay), id -> connect());
    }

    void finished(int id) {
        streams.remove(id);
    }

    void send(RelayFrame frame) {
        WebSocket current = link;
        if (current != null && !current.isClosed()) {
            current.writeBinaryMessage(Buffer.buffer(Unpooled.wrappedBuffer(frame.encode())));
        }
    }
}
