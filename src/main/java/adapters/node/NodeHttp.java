package adapters.node;

import java.nio.ByteBuffer;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import adapters.config.OutboundTls;
import core.fleet.Node;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.out.NodeTransport;

/**
 * Small GET calls to nodes for health and model lists, on a pool of their own so that probes never queue behind
 * proxied streams. Non-blocking; every call is bounded by the endpoint's {@code check_timeout}.
 */
@ApplicationScoped
class NodeHttp {

    private final HttpClient client;
    private final NodeTransport links;

    @Inject
    NodeHttp(Vertx vertx, NodeTransport links, OutboundTls tls) {
        this(vertx, links, tls::apply);
    }

    NodeHttp(Vertx vertx, NodeTransport links) {
        this(vertx, links, UnaryOperator.identity());
    }

    private NodeHttp(Vertx vertx, NodeTransport links, UnaryOperator<HttpClientOptions> tls) {
        this.links = links;
        this.client = vertx.createHttpClient(tls.apply(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(4)
                .setName("drover-control")));
    }

    /** The body of {@code GET path} on the node; fails on a non-200 status or a timeout. */
    CompletionStage<Buffer> get(Node endpoint, String path) {
        if (endpoint.viaRelay()) {
            return viaLink(endpoint, path);
        }
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
        // The body is asked for inside send()'s own step: chained one step later, from a thread outside the event
        // loops (the health checker's), the ask could come after the body's bytes and read an empty answer.
        client.request(options)
                .compose(request -> request.send()
                        .compose(response -> response.body().map(body -> check(response, body, path))))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(ar.result());
                    } else {
                        result.completeExceptionally(explained(ar.cause()));
                    }
                });
        return result;
    }

    /** A failed TLS handshake says why (Vert.x only says "Failed to create SSL connection"). */
    static Throwable explained(Throwable error) {
        boolean tls = false;
        boolean untrusted = false;
        Throwable root = error;
        for (int depth = 0; depth < 10; depth++) {
            tls |= root instanceof SSLException;
            untrusted |= root instanceof CertPathBuilderException || root instanceof CertPathValidatorException;
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        if (!tls) {
            return error;
        }
        String why = untrusted
                ? "its certificate is not signed by a CA Drover trusts (set proxy.tls.ca_file to the CA"
                        + " that signed it)"
                : String.valueOf(root.getMessage());
        return new SSLException("TLS handshake failed: " + why, error);
    }

    /**
     * The same GET over the relay link of a node that dialed in, bounded by its check timeout; a probe that times out
     * is abandoned at the node, so a silent agent does not collect open streams.
     */
    private CompletionStage<Buffer> viaLink(Node endpoint, String path) {
        ProxyRequest request = ProxyRequest.forEndpoint("probe", "GET", path, List.of(), null, endpoint.name());
        CompletableFuture<ProxyResponse> opened = links.open(endpoint, request).toCompletableFuture();
        Flow.Subscription[] reading = new Flow.Subscription[1];
        CompletableFuture<Buffer> result = opened.thenCompose(response -> {
            CompletableFuture<Buffer> body = new CompletableFuture<>();
            response.body().subscribe(new Flow.Subscriber<>() {
                private final Buffer collected = Buffer.buffer();

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    synchronized (reading) {
                        reading[0] = subscription;
                    }
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer chunk) {
                    collected.appendBuffer(Buffer.buffer(Unpooled.wrappedBuffer(chunk)));
                }

                @Override
                public void onError(Throwable error) {
                    body.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    if (response.status() != 200) {
                        body.completeExceptionally(new UnexpectedAnswerException("GET " + path + " answered HTTP "
                                + response.status()));
                    } else {
                        body.complete(collected);
                    }
                }
            });
            return body;
        }).orTimeout(endpoint.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((body, error) -> {
            if (error != null) {
                opened.cancel(true);
                synchronized (reading) {
                    if (reading[0] != null) {
                        reading[0].cancel();
                    }
                }
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
