package adapters.engine;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

import core.Endpoint;
import core.ProxyRequest;
import core.ProxyResponse;
import ports.out.NodeLinks;
import ports.out.ProxyEngine;

/**
 * Forwards requests over Vert.x' HTTP client, one keep-alive connection pool per node, or over the relay link of a
 * node that dialed in. Each call runs on the calling event loop and never blocks.
 */
final class PlainProxyEngine implements ProxyEngine, AutoCloseable {

    /** Enough pooled connections for thousands of long streams to one node. */
    private static final int MAX_CONNECTIONS_PER_NODE = 8192;

    private final Vertx vertx;
    private final Timeouts timeouts;
    private final NodeLinks links;
    private final UnaryOperator<HttpClientOptions> tls;
    private final ConcurrentMap<Endpoint, HttpClient> clients = new ConcurrentHashMap<>();

    PlainProxyEngine(Vertx vertx, Timeouts timeouts, NodeLinks links) {
        this(vertx, timeouts, links, UnaryOperator.identity());
    }

    /** {@code tls} applies the trust settings for {@code https://} nodes to each node's client options. */
    PlainProxyEngine(Vertx vertx, Timeouts timeouts, NodeLinks links, UnaryOperator<HttpClientOptions> tls) {
        this.tls = tls;
        this.vertx = vertx;
        this.timeouts = timeouts;
        this.links = links;
    }

    @Override
    public CompletionStage<ProxyResponse> send(Endpoint endpoint, ProxyRequest request) {
        if (endpoint.viaRelay()) {
            return links.send(endpoint, request);
        }
        HttpClient client = clients.computeIfAbsent(endpoint, this::client);
        return new UpstreamExchange(vertx, endpoint, timeouts).start(client, request);
    }

    private HttpClient client(Endpoint endpoint) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setMaxPoolSize(MAX_CONNECTIONS_PER_NODE)
                .setConnectTimeout((int) timeouts.connect().toMillis())
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setSsl("https".equals(endpoint.url().getScheme()))
                .setName("drover-node-" + endpoint.name());
        return vertx.createHttpClient(tls.apply(options));
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }
}
