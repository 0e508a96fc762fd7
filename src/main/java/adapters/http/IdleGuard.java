package adapters.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * What {@code server.header_timeout} closes: a connection with no request under way that has been silent that long,
 * whether it never sent a whole request head or sits idle between requests. A connection with a request under way is
 * never closed for silence here (a cold model load may keep the first byte away for minutes; the proxy's own timeouts
 * govern that). Sits after the HTTP server's idle handler and holds back its events while requests are under way. One
 * per connection, on its event loop.
 */
final class IdleGuard extends ChannelDuplexHandler {

    private static final AttributeKey<IdleGuard> KEY = AttributeKey.valueOf("drover.idle-guard");
    private static final String NAME = "drover-idle-guard";

    private int underWay;

    /** The guard of the request's connection, placed on its first request; null when the server keeps no idle time. */
    static IdleGuard of(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return null;
        }
        var channel = base.channel();
        IdleGuard guard = channel.attr(KEY).get();
        if (guard == null && channel.pipeline().get("idle") != null) {
            guard = new IdleGuard();
            channel.attr(KEY).set(guard);
            channel.pipeline().addAfter("idle", NAME, guard);
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
