package adapters.http;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import adapters.config.ServerConfig;
import core.MalformedRequestException;
import core.access.LogBudget;

/**
 * The first handler of every request, before any route: names it ({@code X-Drover-Request-Id}), checks its head
 * ({@link Framing}), finds its {@link Area} (404 for none), refuses a declared body over the area's limit before any
 * key is checked, lets {@link AccessGuard} decide who may call, and only then reads the body, bounded while reading
 * ({@link BodyReader}), for the route to take from {@link RoutingContext#body()}. So no route can hold an unbounded
 * body, and no refusal is answered without a body in the client's protocol and the request id. Failures Vert.x Web
 * reports for a client's mistake (no {@code Host}) are answered the same way. What a client causes is logged at WARN
 * at most, within a {@link LogBudget}. Event loop; never blocks.
 */
@ApplicationScoped
class Gate {

    /** Routing-context key of the request's id. */
    static final String REQUEST_ID = "drover.request-id";
    /** Made once, as ProxyHandler's answer headers are: its hash and bytes are not computed again per request. */
    private static final CharSequence REQUEST_ID_HEADER = HttpHeaders.createOptimized("X-Drover-Request-Id");
    /** Largest body of any route outside the inference API: admin calls, heartbeats. */
    static final long CONTROL_BODY = 16_384;

    private static final Logger LOG = Logger.getLogger("drover.http");
    private static final int ORDER = -50;

    private final Framing framing;
    private final AccessGuard guard;
    private final LogBudget faults;
    private final BodyBudget budget;
    private final BodyFiles files;
    private final BodyReader.Limit apiLimit;
    private final BodyReader.Limit controlLimit;
    private final Duration bodyTimeout;
    private final Handler<Throwable> onConnectionError = this::connectionFailed;

    Gate(ServerConfig server, AccessGuard guard, LogBudget faults, BodyBudget budget) {
        ServerChecks.check(server);
        this.framing = new Framing(server);
        this.guard = guard;
        this.faults = faults;
        this.budget = budget;
        this.files = new BodyFiles(server, faults);
        this.bodyTimeout = server.bodyTimeout();
        this.apiLimit = new BodyReader.Limit(server.maxBodySize().asLongValue(), "server.max_body_size", bodyTimeout);
        this.controlLimit = new BodyReader.Limit(CONTROL_BODY, "the limit of admin and node calls", bodyTimeout);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.route().order(ORDER).failureHandler(this::failed);
        // A path of a known area that no route serves (/admin/x, /nodes/heartbeat/) is answered as Ollama answers an
        // unknown path, never with the router's HTML page.
        router.errorHandler(404, rc -> Replies.text(rc.response(), 404, "404 page not found"));
    }

    /** The id of the request, as the gate named it. */
    static String requestId(RoutingContext rc) {
        String id = rc.get(REQUEST_ID);
        if (id == null) {
            id = RequestIds.of(rc.request());
            rc.put(REQUEST_ID, id);
            rc.response().putHeader(REQUEST_ID_HEADER, id);
        }
        return id;
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        requestId(rc);
        if (UpgradeRelease.relayUpgrade(request)) {
            UpgradeRelease.release(request);
        }
        ConnectionGuard connection = ConnectionGuard.of(request.connection(), onConnectionError);
        if (connection != null) {
            connection.begin();
            rc.addEndHandler(ended -> connection.end());
        }
        Area area = Area.of(request.path());
        Dialect dialect = Dialect.of(request.path());
        Framing.Refusal malformed = framing.check(request);
        if (malformed != null) {
            fault(request, malformed.message());
            refuse(rc, dialect, new RefusedException(malformed.status(), malformed.message()));
            return;
        }
        // A browser's CORS preflight carries no credentials by design; Quarkus' CORS filter answers it.
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.headers().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (area == Area.UNKNOWN && !preflight) {
            refuse(rc, dialect, new RefusedException(404, "404 page not found"));
            return;
        }
        BodyReader.Limit limit = area == Area.API ? apiLimit : controlLimit;
        long declared = BodyReader.declaredLength(request);
        if (declared > limit.bytes()) {
            refuse(rc, dialect, new BodyTooLargeException(limit.bytes(), limit.what()));
            return;
        }
        if (!preflight) {
            try {
                guard.admit(rc, area);
            } catch (RuntimeException e) {
                LOG.debugf("refused %s %s from %s: %s", request.method(), request.path(), AccessGuard.peer(request),
                        e.getMessage());
                refuse(rc, dialect, e);
                return;
            }
        }
        if (!BodyReader.hasBody(request, declared)) {
            rc.next();
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        BodyReader.read(request, declared, limit, budget, files, claim -> rc.addEndHandler(ended -> claim.release()))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        refuse(rc, dialect, ar.cause());
                    } else {
                        setBody(rc, ar.result());
                        rc.next();
                    }
                });
    }

    /** Failures Vert.x Web reports before any handler ran, such as an HTTP/1.1 request without {@code Host}. */
    private void failed(RoutingContext rc) {
        int status = rc.statusCode();
        if (status < 400 || status > 499 || rc.response().ended()) {
            rc.next();
            return;
        }
        String message = rc.failure() != null
                ? rc.failure().getMessage()
                : status == 404 ? "404 page not found" : "bad request";
        requestId(rc);
        fault(rc.request(), message);
        refuse(rc, Dialect.of(rc.request().path()), new RefusedException(status, message));
    }

    /**
     * Answers a refusal in the client's protocol. A body still on its way is read and dropped ({@link BodyReader#linger})
     * and the connection closed after it; a client that stalled is disconnected once it has its answer.
     */
    private void refuse(RoutingContext rc, Dialect dialect, Throwable error) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        boolean unread = !request.isEnded() && BodyReader.hasBody(request, BodyReader.declaredLength(request));
        boolean broken = error instanceof MalformedRequestException && unread;
        if (unread || error instanceof BodyTimeoutException) {
            Replies.closeAfter(request);
        }
        if ((error instanceof BodyTimeoutException || broken) && request.version() != HttpVersion.HTTP_2) {
            response.endHandler(v -> request.connection().close());
        }
        if (error instanceof RefusedException refused) {
            if (refused.status == 404) {
                Replies.text(response, 404, refused.getMessage());
            } else {
                Replies.error(dialect, response, refused.status, refused.getMessage());
            }
        } else {
            Replies.failure(dialect, response, error);
        }
        if (broken && request.connection() instanceof ConnectionBase connection) {
            // Vert.x closes a connection whose framing broke right after this; the answer must leave before.
            connection.flush();
        } else if (unread && !(error instanceof BodyTimeoutException)) {
            BodyReader.linger(rc.vertx(), request, bodyTimeout);
        }
    }

    @SuppressWarnings("deprecation") // Vert.x Web 4's way to hand a body to the routes, as its BodyHandler does
    private static void setBody(RoutingContext rc, Buffer body) {
        rc.setBody(body);
    }

    /** Errors on a connection after its head was read: broken chunked framing, or a client that reset. */
    private void connectionFailed(Throwable error) {
        if (error instanceof IOException) {
            LOG.debugf("connection failed: %s", error.getMessage());
        } else {
            fault(null, "broken request on a connection: " + error.getMessage());
        }
    }

    private void fault(HttpServerRequest request, String message) {
        faults.write(System.nanoTime(),
                "bad request" + (request == null ? "" : " from " + AccessGuard.peer(request)) + ": " + message,
                LOG::warn);
    }

    /** A refusal with its own status, decided at the gate. */
    private static final class RefusedException extends RuntimeException {

        private final int status;

        RefusedException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
