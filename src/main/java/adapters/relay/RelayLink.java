package adapters.relay;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import adapters.relay.RelayFrame.Type;
import core.routing.Header;
import core.routing.NodeFailedException;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/**
 * One agent's connection, gateway side: its node name, what it said in HELLO, and the requests multiplexed on it,
 * each a {@link RelayStream} under its own id. A transport only: the engine's timers apply to these requests as to
 * any other. Thread-safe; never blocks.
 */
final class RelayLink {

    private final String name;
    private final WebSocketConnection connection;
    private final String remote;
    private final JsonObject hello;
    private final Map<Integer, RelayStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();

    RelayLink(String name, WebSocketConnection connection, String remote, JsonObject hello) {
        this.name = name;
        this.connection = connection;
        this.remote = remote;
        this.hello = hello;
    }

    String name() {
        return name;
    }

    WebSocketConnection connection() {
        return connection;
    }

    String remote() {
        return remote;
    }

    /** Concurrent requests the agent said its node takes (0: no limit). */
    int capacity() {
        return Math.max(0, hello.getInteger("capacity", 0));
    }

    CompletionStage<ProxyResponse> open(ProxyRequest request) {
        int id = nextId.incrementAndGet();
        RelayStream stream = new RelayStream(this, id, RelayProtocol.INITIAL_CREDIT);
        streams.put(id, stream);
        JsonArray headers = new JsonArray();
        for (Header header : request.headers()) {
            headers.add(new JsonArray().add(header.name()).add(header.value()));
        }
        headers.add(new JsonArray().add("X-Request-Id").add(request.requestId()));
        String head = new JsonObject().put("method", request.method()).put("path", request.uri())
                .put("headers", headers).encode();
        CompletableFuture<ProxyResponse> response = stream.response();
        response.whenComplete((r, e) -> {
            if (response.isCancelled()) {
                cancel(id);
            }
        });
        send(RelayFrame.request(id, head, request.bodyView()));
        return response;
    }

    /** A frame for one of this link's streams; frames of streams already gone are dropped. */
    void received(RelayFrame frame) {
        RelayStream stream = streams.get(frame.stream());
        if (stream == null) {
            return;
        }
        switch (frame.type()) {
            case RESPONSE_HEAD -> stream.head(frame.text());
            case RESPONSE_CHUNK -> stream.chunk(frame.payload());
            case RESPONSE_END -> stream.end();
            case ERROR -> stream.fail(frame.text());
            default -> {
                // HELLO, WELCOME, REQUEST, CANCEL and CREDIT never come from an agent after HELLO: ignored.
            }
        }
    }

    /** The link is gone: every open stream ends with an error. */
    void lost() {
        for (RelayStream stream : streams.values()) {
            stream.fail("the relay link to the agent was lost");
        }
        streams.clear();
    }

    void credit(int id, int chunks) {
        send(RelayFrame.credit(id, chunks));
    }

    void cancel(int id) {
        if (streams.remove(id) != null) {
            send(new RelayFrame(Type.CANCEL, id, null));
        }
    }

    void forget(int id) {
        streams.remove(id);
    }

    void send(RelayFrame frame) {
        if (connection.isClosed()) {
            return;
        }
        connection.sendBinary(Buffer.buffer(Unpooled.wrappedBuffer(frame.encode()))).subscribe().with(v -> {
        }, e -> {
        });
    }

    /** Fails at once: the node this endpoint names is not connected. */
    static CompletionStage<ProxyResponse> notConnected(String name) {
        return CompletableFuture.failedFuture(new NodeFailedException(name, "its agent is not connected", null));
    }
}
