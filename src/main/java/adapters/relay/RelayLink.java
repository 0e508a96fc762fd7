package adapters.relay;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One agent's connection: its node name, what it said in HELLO, and the way to send it frames. Streams (proxied
 * requests) are multiplexed on it by id.
 */
final class RelayLink {

    private final String name;
    private final WebSocketConnection connection;
    private final String remote;
    private final JsonObject hello;

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

    JsonObject hello() {
        return hello;
    }

    void send(RelayFrame frame) {
        connection.sendBinary(Buffer.buffer(io.netty.buffer.Unpooled.wrappedBuffer(frame.encode()))).subscribe()
                .with(v -> {
                }, e -> {
                });
    }

    /** A frame for one of this link's streams. */
    void received(RelayFrame frame) {
        // Streams arrive with the relay engine; until then an agent has nothing to answer.
    }

    /** The link is gone: every stream on it ends with an error. */
    void lost() {
    }
}
