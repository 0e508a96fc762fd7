package adapters.engine;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

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
 * which costs two cross-thread wake-ups per request). Only the connect timeout is its own (a socket option); every
 * other limit is the engine's. Each call runs on the calling event loop and never blocks.
 */
final class HttpTransport implements NodeTransport, AutoCloseable {

    /** Callers off any event loop share one pool per node. */
    private static final Object NO_LOOP = new Object();

    /** Enough pooled connections for thousands of long streams to one node, on each event loop. */
    private static final int MAX_CONNECTIONS_PER_NODE = 8192;

    private final Vertx vertx;
    private final Duration connectTimeout;
    private final UnaryOperator<HttpClientOptions> tls;
    private final ConcurrentMap<Node, ConcurrentMap<Object, HttpClient>> clients = new ConcurrentHashMap<>();

    /** {@code tls} applies the trust settings for {@code https://} nodes to each node's client options. */
    HttpTransport(Vertx vertx, Duration connectTimeout, UnaryOperator<HttpClientOptions> tls) {
        this.vertx = vertx;
        this.connectTimeout = connectTimeout;
        this.tls = tls;
    }

    @Override
    public CompletionStage<ProxyResponse> open(Node endpoint, ProxyRequest request) {
        HttpClient client = clients.computeIfAbsent(endpoint, node -> new ConcurrentHashMap<>())
                .computeIfAbsent(loop(), loop -> client(endpoint));
        return new HttpExchange(endpoint, connectTimeout).start(client, request);
    }

    private static Object loop() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && context.isEventLoopContext()) {
            return internal.nettyEventLoop();
        }
        return NO_LOOP;
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
        return vertx.createHttpClient(tls.apply(options));
    }

    @Override
    public void close() {
        clients.values().forEach(pools -> pools.values().forEach(HttpClient::close));
        clients.clear();
    }
}
