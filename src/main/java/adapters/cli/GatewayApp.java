package adapters.cli;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

import adapters.config.ServerConfig;
import core.routing.Drain;

/**
 * The gateway's run loop: started, waits for a shutdown signal, then drains: new requests get 503, readiness goes
 * down, and requests in flight get {@code server.drain_timeout} to finish before the server stops.
 */
public final class GatewayApp implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger("drover.fleet");

    private final Drain drain;
    private final ServerConfig server;

    @Inject
    GatewayApp(Drain drain, ServerConfig server) {
        this.drain = drain;
        this.server = server;
    }

    @Override
    public int run(String... args) throws InterruptedException {
        Quarkus.waitForExit();
        int pending = drain.pending();
        LOG.infof("shutting down: draining %d request(s) for up to %d s", pending, server.drainTimeout().toSeconds());
        if (!drain.drain(server.drainTimeout())) {
            LOG.warnf("drain timeout reached with %d request(s) still running; they are cut", drain.pending());
        }
        return 0;
    }
}
