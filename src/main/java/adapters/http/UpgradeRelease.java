package adapters.http;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Tells Quarkus' graceful shutdown that a WebSocket upgrade (a relay link) is no request it must wait for. Quarkus
 * counts every request until its response ends, and an upgraded connection's response never does: without this, a
 * gateway any agent had ever connected to waited out the whole {@code quarkus.shutdown.timeout} on every SIGTERM
 * (and logged an ERROR). A link's relayed requests are requests of their own, which the drain and Quarkus still wait
 * for. Quarkus offers no public way to do this, so it calls the request wrapper's own "done"; should that ever
 * change, it logs once at DEBUG and shutdowns are slow again, never wrong.
 */
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true, fields = false)
final class UpgradeRelease {

    private static final Logger LOG = Logger.getLogger("drover.http");
    private static final Method DONE = done();

    private UpgradeRelease() {
    }

    /**
     * Whether {@code request} asks to open a relay link. Only that: an {@code Upgrade} header on any other request
     * must not take it out of the shutdown's wait.
     */
    static boolean relayUpgrade(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && "/relay/connect".equals(request.path())
                && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    /** Marks {@code request}, a WebSocket upgrade, as done for the shutdown's count. */
    static void release(HttpServerRequest request) {
        if (DONE == null) {
            return;
        }
        try {
            // Vert.x Web wraps the request again; Quarkus finds its own wrapper through a cookie it planted.
            DONE.invoke(QuarkusRequestWrapper.get(request));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("could not release a WebSocket upgrade from the shutdown's count: %s", e);
        }
    }

    private static Method done() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("WebSocket upgrades stay in the shutdown's count: %s", e);
            return null;
        }
    }
}
