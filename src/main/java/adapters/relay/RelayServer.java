package adapters.relay;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/** {@code /relay/connect}: where agents dial in (websockets-next). Every callback runs on the event loop. */
@WebSocket(path = "/relay/connect")
public class RelayServer {

    private final RelayHub hub;

    @Inject
    RelayServer(RelayHub hub) {
        this.hub = hub;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        hub.opened(connection);
    }

    @OnBinaryMessage
    @NonBlocking
    void frame(WebSocketConnection connection, Buffer message) {
        hub.frame(connection, message);
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String message) {
        hub.protocolError(connection, "text frames are not part of the relay protocol");
    }

    @OnError
    @NonBlocking
    void error(WebSocketConnection connection, Throwable error) {
        hub.failed(connection, error);
    }

    @OnClose
    @NonBlocking
    void closed(WebSocketConnection connection) {
        hub.closed(connection);
    }
}
