package adapters.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import core.Ticker;
import core.fleet.FleetView;
import ports.in.DescribeFleetUseCase;
import ports.in.ReviewActivityUseCase;

/**
 * The dashboard's live feed, {@code GET /internal/dashboard/events} (server-sent events; access as every
 * {@code /internal} route). One producer serves every open page: once a second, while any page listens, it reads the
 * fleet and its recent activity once, writes them as one JSON document and sends those bytes to every page. A page
 * whose connection has not taken the last ones (a slow network) skips that second; one that skipped
 * {@link #MAX_SKIPPED} in a row is closed, and the page reconnects. When the gateway starts draining every feed ends,
 * so no open page holds up a shutdown. Event loop; never blocks.
 */
@ApplicationScoped
class DashboardFeed {

    /** Pages that may listen at once; more get 503. */
    static final int MAX_PAGES = 256;
    static final long INTERVAL_MILLIS = 1000;
    static final int MAX_SKIPPED = 30;
    private static final Logger LOG = Logger.getLogger("drover.http");

    private final DescribeFleetUseCase fleet;
    private final ReviewActivityUseCase activity;
    private final StatusResource status;
    private final AccessGuard guard;
    private final ObjectMapper json;
    private final Set<Page> pages = ConcurrentHashMap.newKeySet();
    private Vertx vertx;
    private long timer = -1;

    DashboardFeed(DescribeFleetUseCase fleet, ReviewActivityUseCase activity, StatusResource status,
            AccessGuard guard, ObjectMapper json) {
        this.fleet = fleet;
        this.activity = activity;
        this.status = status;
        this.guard = guard;
        this.json = json;
    }

    void routes(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        router.get("/internal/dashboard/events").handler(this::open);
        // The page's relative links need the trailing slash; Vert.x matches /dashboard/ here too.
        router.get("/dashboard").handler(rc -> {
            if (rc.request().path().endsWith("/")) {
                rc.next();
            } else {
                rc.response().setStatusCode(301).putHeader("Location", "dashboard/").end();
            }
        });
    }

    private void open(RoutingContext rc) {
        FleetView view = fleet.describe();
        if (view.draining() || pages.size() >= MAX_PAGES) {
            Replies.error(Dialect.OLLAMA, rc.response(), 503, view.draining()
                    ? "the gateway is shutting down"
                    : "too many dashboards open (at most " + MAX_PAGES + ")");
            return;
        }
        HttpServerResponse response = rc.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        Page page = new Page(response);
        // Per page, once: whether this caller may act (drain, refresh), so the page offers what will work.
        response.write("event: hello\ndata: {\"admin\":" + guard.admits(rc, Area.ADMIN) + "}\n\n");
        page.send(event(view));
        pages.add(page);
        response.closeHandler(v -> pages.remove(page));
        start();
    }

    private synchronized void start() {
        if (timer < 0) {
            timer = vertx.setPeriodic(INTERVAL_MILLIS, id -> tick());
        }
    }

    private synchronized void stopIfIdle() {
        if (pages.isEmpty() && timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void tick() {
        if (pages.isEmpty()) {
            stopIfIdle();
            return;
        }
        FleetView view = fleet.describe();
        Buffer event = event(view);
        for (Page page : pages) {
            if (view.draining()) {
                page.end(event);
                pages.remove(page);
            } else if (!page.send(event)) {
                pages.remove(page);
            }
        }
    }

    private Buffer event(FleetView view) {
        DashboardView body = DashboardView.of(Ticker.system().instant(), view.draining(),
                status.status(view), activity.recent());
        try {
            return Buffer.buffer("data: ").appendBytes(json.writeValueAsBytes(body)).appendString("\n\n");
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "dashboard event not written");
            return Buffer.buffer(": nothing this second\n\n");
        }
    }

    /** One open page: its response, and how many seconds in a row it could not take. */
    private static final class Page {
        private final HttpServerResponse response;
        private int skipped;

        Page(HttpServerResponse response) {
            this.response = response;
        }

        /** False when the page is gone or has fallen too far behind (then it is closed). */
        boolean send(Buffer event) {
            if (response.closed() || response.ended()) {
                return false;
            }
            if (response.writeQueueFull()) {
                if (++skipped >= MAX_SKIPPED) {
                    response.reset();
                    return false;
                }
                return true;
            }
            skipped = 0;
            response.write(event);
            return true;
        }

        void end(Buffer event) {
            if (!response.closed() && !response.ended()) {
                response.end(event);
            }
        }
    }
}
