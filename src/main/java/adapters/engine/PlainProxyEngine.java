package adapters.engine;

import java.util.concurrent.CompletionStage;

import io.vertx.core.Vertx;

import core.fleet.Node;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.out.NodeTransport;
import ports.out.ProxyEngine;

/**
 * The engine every request to a node goes through: it picks the transport that reaches the node (HTTP to its URL, or
 * the relay link it opened) and runs the exchange under the same limits for both ({@link TimedExchange}). Each call
 * runs on the calling event loop and never blocks.
 */
final class PlainProxyEngine implements ProxyEngine, AutoCloseable {

    private final Vertx vertx;
    private final ExchangeTimeouts timeouts;
    private final NodeTransport http;
    private final NodeTransport relay;

    PlainProxyEngine(Vertx vertx, ExchangeTimeouts timeouts, NodeTransport http, NodeTransport relay) {
        this.vertx = vertx;
        this.timeouts = timeouts;
        this.http = http;
        this.relay = relay;
    }

    @Override
    public CompletionStage<ProxyResponse> send(Node endpoint, ProxyRequest request) {
        NodeTransport transport = switch (endpoint.connector()) {
            case HTTP -> http;
            case RELAY -> relay;
        };
        return new TimedExchange(vertx, endpoint, timeouts.current()).start(transport, request);
    }

    @Override
    public void close() throws Exception {
        if (http instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
