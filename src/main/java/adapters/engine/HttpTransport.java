package adapters.engine;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.ContextInternal;

import core.fleet.Node;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.out.NodeTransport;

/**
 * Nodes reached over HTTP: Vert.x' HTTP client, one keep-alive connection pool per node and event loop, as nginx and
 * Envoy keep one per worker. A request taken on one event loop is sent on a connection of that same loop, so the
 * exchange never hands its request or its answer to another thread (Vert.x' shared pool lends any loop's connection,
 * which costs two cross-thread wake-ups per request). A node's pools that have had nothing in flight for
 * {@link #UNUSED} are closed, so a node that left the fleet (a replaced pod, a reload) leaves no client behind; a
 * later request opens them again. Only the connect timeout is its own (a socket option); every other limit is the
 * engine's. Each call runs on the calling event loop and never blocks.
 */
final class HttpTransport implements NodeTransport, AutoCloseable {

    /** How long a node's pools stay with nothing in flight; their connections close after 60 s idle anyway. */
    static final Duration UNUSED = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger("drover.engine");
    /** Enough pooled connections for thousands of long streams to one node, on each event loop. */
    private static final int MAX_CONNECTIONS_PER_NODE = 8192;

    private final Vertx vertx;
    private final Duration connectTimeout;
    private final UnaryOperator<HttpClientOptions> tls;
    private final Duration unused;
    private final ConcurrentMap<Node, NodePools> pools = new ConcurrentHashMap<>();
    private final long sweeper;

    /** {@code tls} applies the trust settings for {@code https://} nodes to each node's client options. */
    HttpTransport(Vertx vertx, Duration connectTimeout, UnaryOperator<HttpClientOptions> tls) {
        this(vertx, connectTimeout, tls, UNUSED);
    }

    HttpTransport(Vertx vertx, Duration connectTimeout, UnaryOperator<HttpClientOptions> tls, Duration unused) {
        this.vertx = vertx;
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.unused = unused;
        this.sweeper = vertx.setPeriodic(Math.max(1, unused.toMillis() / 2), id -> sweep());
    }

    @Override
    public CompletionStage<ProxyResponse> open(Node endpoint, ProxyRequest request) {
        Object loop = NodePools.loop();
        for (;;) {
            NodePools node = pools.computeIfAbsent(endpoint, key -> new NodePools());
            if (node.lease()) {
                try {
                    HttpClient client = node.clients.computeIfAbsent(loop, key -> client(endpoint));
                    return new HttpExchange(endpoint, connectTimeout, node::release).start(client, request);
                } catch (RuntimeException e) {
                    node.release(); // refused before it began (a client that cannot be made): nothing in flight
                    throw e;
                }
            }
            pools.remove(endpoint, node); // closed by the sweep a moment ago: open a fresh one
        }
    }

    /** How many nodes have pools open now. */
    int nodesWithPools() {
        return pools.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        pools.forEach((endpoint, node) -> {
            if (node.closeIfUnused(now, unused.toNanos())) {
                pools.remove(endpoint, node);
            }
        });
    }

    private HttpClient client(Node endpoint) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setMaxPoolSize(MAX_CONNECTIONS_PER_NODE)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setSsl("https".equals(endpoint.url().getScheme()))
                .setName("drover-node-" + endpoint.name());
        HttpClientOptions configured = tls.apply(options);
        // The builder takes the pool's size only as PoolOptions (without them: 5 connections per pool). A connection's
        // own failure (a node resetting it, say) already fails the request on it, which reports it as a 502 naming the
        // node; without a handler Vert.x would also log it at ERROR, with no node or request named.
        return vertx.httpClientBuilder().with(configured).with(configured.getPoolOptions())
                .withConnectHandler(connection -> connection.exceptionHandler(
                        e -> LOG.debugf("connection to node '%s' failed: %s", endpoint.name(), e.getMessage())))
                .build();
    }

    @Override
    public void close() {
        vertx.cancelTimer(sweeper);
        pools.values().forEach(NodePools::close);
        pools.clear();
    }

    /** One node's pools, one per event loop, and what is in flight on them. */
    private static final class NodePools {

        /** Callers off any event loop (start-up, tests, the model sync) share one pool per node. */
        private static final Object NO_LOOP = new Object();

        final ConcurrentMap<Object, HttpClient> clients = new ConcurrentHashMap<>();
        /** Exchanges in flight; -1 once closed, after which no lease is given. */
        private final AtomicLong inFlight = new AtomicLong();
        private volatile long lastUsed = System.nanoTime();

        static Object loop() {
            Context context = Vertx.currentContext();
            if (context instanceof ContextInternal internal && context.isEventLoopContext()) {
                return internal.nettyEventLoop();
            }
            return NO_LOOP;
        }

        boolean lease() {
            for (;;) {
                long now = inFlight.get();
                if (now < 0) {
                    return false;
                }
                if (inFlight.compareAndSet(now, now + 1)) {
                    lastUsed = System.nanoTime();
                    return true;
                }
            }
        }

        void release() {
            lastUsed = System.nanoTime();
            inFlight.decrementAndGet();
        }

        boolean closeIfUnused(long now, long unusedNanos) {
            if (now - lastUsed < unusedNanos || !inFlight.compareAndSet(0, -1)) {
                return false;
            }
            close();
            return true;
        }

        void close() {
            clients.values().forEach(HttpClient::close);
            clients.clear();
        }
    }
}
