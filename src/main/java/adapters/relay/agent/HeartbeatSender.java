package adapters.relay.agent;

import java.net.URI;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * {@code drover agent --advertise URL}: for a node the gateway can reach, registers it by heartbeat instead of
 * relaying: {@code POST /nodes/heartbeat} with the node's URL every {@code interval}. Plain Vert.x; never blocks.
 */
public final class HeartbeatSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("drover.agent");

    private final Vertx vertx;
    private final URI gateway;
    private final String token;
    private final String name;
    private final URI advertised;
    private final Duration interval;
    private final HttpClient http;
    private long timer = -1;
    private volatile boolean registered;

    public HeartbeatSender(Vertx vertx, URI gateway, String token, String name, URI advertised, Duration interval) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.token = token;
        this.name = name;
        this.advertised = advertised;
        this.interval = interval;
        boolean tls = "https".equals(gateway.getScheme()) || "wss".equals(gateway.getScheme());
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(tls).setName("drover-heartbeat"));
    }

    public void start() {
        beat();
        timer = vertx.setPeriodic(interval.toMillis(), id -> beat());
    }

    /** The gateway accepted the last heartbeat. */
    public boolean registered() {
        return registered;
    }

    private void beat() {
        boolean tls = "https".equals(gateway.getScheme()) || "wss".equals(gateway.getScheme());
        int port = gateway.getPort() > 0 ? gateway.getPort() : tls ? 443 : 80;
        String body = new JsonObject().put("name", name).put("url", advertised.toString()).encode();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(gateway.getHost()).setPort(port)
                .setURI("/nodes/heartbeat").putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/json").setTimeout(interval.toMillis()))
                .compose(request -> request.send(body).compose(response -> response.body().map(answer -> {
                    boolean ok = response.statusCode() == 200;
                    if (!ok) {
                        LOG.warnf("heartbeat refused: HTTP %d %s", response.statusCode(), answer);
                    } else if (!registered) {
                        LOG.infof("registered %s at %s with %s", name, advertised, gateway);
                    }
                    return ok;
                })))
                .onComplete(ar -> {
                    registered = ar.succeeded() && ar.result();
                    if (ar.failed()) {
                        LOG.warnf("cannot reach the gateway at %s: %s", gateway, ar.cause().getMessage());
                    }
                });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        http.close();
    }
}
