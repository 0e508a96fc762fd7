package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

import adapters.config.ServerConfig;

/**
 * The HTTP codec's own ceilings on a request head: four times {@code server.max_header_size} and
 * {@code server.max_request_line}, so that every head up to there reaches {@link Framing}, which refuses what is over
 * the configured limits with a readable error; beyond the ceilings the codec answers with the bare status and closes.
 */
@ApplicationScoped
class ServerLimits implements HttpServerOptionsCustomizer {

    static final int CEILING = 4;

    private final int maxHeaderSize;
    private final int maxInitialLine;

    ServerLimits(ServerConfig server) {
        this.maxHeaderSize = (int) Math.min(Integer.MAX_VALUE / CEILING, server.maxHeaderSize().asLongValue())
                * CEILING;
        this.maxInitialLine = Math.min(Integer.MAX_VALUE / CEILING, server.maxRequestLine()) * CEILING;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        options.setMaxHeaderSize(maxHeaderSize).setMaxInitialLineLength(maxInitialLine);
    }
}
