package adapters.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * What the gate keeps per client connection, set up on its first request: the handler of errors on the connection
 * (set once, not per request), and the guard of {@code server.header_timeout}, which closes a connection with no request under way that has been silent that long,
 * whether it never sent a whole request head or sits idle between requests. A connection with a request under way is
 * never closed for silence here (a cold model load may keep the first byte away for minutes; the proxy's own timeouts
 * govern that). Sits after the HTTP server's idle handler and holds back its events while requests are under way. One
 * per connection, on its event loop.
 */
final class ConnectionGuard extends ChannelDuplexHandler {

    private static final AttributeKey<ConnectionGuard> KEY = AttributeKey.valueOf("drover.connection-guard");
    private static final String NAME = "drover-connection-guard";

    private int underWay;

    /**
     * The guard of the request's connection; on the connection's first request it is placed (after the HTTP server's
     * idle handler, when it keeps an idle time) and {@code onError} becomes the connection's error handler. Null for
     * a connection this is not possible on.
     */
    static ConnectionGuard of(HttpConnection connection, Handler<Throwable> onError) {
        if (!(connection instanceof ConnectionBase base)) {
            return null;
        }
        var channel = base.channel();
        ConnectionGuard guard = channel.attr(KEY).get();
        if (guard == null) {
            guard = new ConnectionGuard();
            channel.attr(KEY).set(guard);
            if (channel.pipeline().get("idle") != null) {
                channel.pipeline().addAfter("idle", NAME, guard);
            }
            connection.exceptionHandler(onError);
        }
        return guard;
    }

    void begin() {
        underWay++;
    }

    void end() {
        underWay = Math.max(0, underWay - 1);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && underWay > 0) {
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
