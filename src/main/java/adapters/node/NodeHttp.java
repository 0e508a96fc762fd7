package adapters.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import core.Endpoint;

/**
 * Small GET calls to nodes for health and model lists, on a pool of their own so that probes never queue behind
 * proxied streams. Non-blocking; every call is bounded by the endpoint's {@code check_timeout}.
 */
@ApplicationScoped
class NodeHttp {

    private final HttpClient client;

    @Inject
    NodeHttp(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(4)
                .setName("drover-control"));
    }

    /** The body of {@code GET path} on the node; fails on a non-200 status or a timeout. */
    CompletionStage<Buffer> get(Endpoint endpoint, String path) {
        long timeout = endpoint.checkTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(endpoint.url().getHost())
                .setPort(endpoint.port())
                .setSsl("https".equals(endpoint.url().getScheme()))
                .setURI(endpoint.path(path))
                .setConnectTimeout(timeout)
                .setTimeout(timeout);
        if (endpoint.credential() != null) {
            options.putHeader(endpoint.credential().headerName(), endpoint.credential().value());
        }
        CompletableFuture<Buffer> result = new CompletableFuture<>();
        client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> check(response, body, path)))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(ar.result());
                    } else {
                        result.completeExceptionally(ar.cause());
                    }
                });
        return result;
    }

    private static Buffer check(HttpClientResponse response, Buffer body, String path) {
        if (response.statusCode() != 200) {
            throw new UnexpectedAnswerException("GET " + path + " answered HTTP " + response.statusCode());
        }
        return body;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
