package adapters.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import core.fleet.Node;
import core.routing.Header;
import core.routing.NodeFailedException;
import core.routing.NodeTimeoutException;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/**
 * One request to one node over HTTP: sends it and hands over the response paused, so the body publisher decides when
 * bytes flow. A caller that cancels the stage before the head arrives resets the request. Runs on one event loop; must
 * not block.
 */
final class HttpExchange {

    /** Made once: an optimized name keeps its hash and bytes, where a String's are computed again per request. */
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");

    /** Room for the headers of an answer, which an Ollama node sends 3 to 5 of. */
    private static final int HEADERS = 8;

    private final Node endpoint;
    private final Duration connectTimeout;
    private final Runnable ended;
    private final CompletableFuture<ProxyResponse> result = new CompletableFuture<>();
    private volatile HttpClientRequest upstream;

    /** {@code ended} runs once when the exchange is over: failed, cancelled, or its answer's body ended. */
    HttpExchange(Node endpoint, Duration connectTimeout, Runnable ended) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.ended = ended;
    }

    CompletionStage<ProxyResponse> start(HttpClient client, ProxyRequest request) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setHost(endpoint.url().getHost())
                .setPort(endpoint.port())
                .setURI(endpoint.path(request.uri()))
                .setFollowRedirects(false);
        for (Header header : request.headers()) {
            options.addHeader(header.name(), header.value());
        }
        options.putHeader(REQUEST_ID, request.requestId());
        if (endpoint.credential() != null) {
            options.putHeader(endpoint.credential().headerName(), endpoint.credential().value());
        }
        result.whenComplete((response, error) -> {
            if (result.isCancelled() && upstream != null) {
                upstream.reset();
            }
            if (error != null) {
                ended.run();
            }
        });
        Buffer body = Buffer.buffer(Unpooled.wrappedBuffer(request.bodyView()));
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                fail(ar.cause());
                return;
            }
            upstream = ar.result();
            if (result.isDone()) {
                upstream.reset();
                return;
            }
            upstream.send(body).onComplete(this::responded);
        });
        return result;
    }

    private void responded(AsyncResult<HttpClientResponse> ar) {
        if (ar.failed()) {
            fail(ar.cause());
            return;
        }
        HttpClientResponse response = ar.result();
        response.pause();
        // Not sized by headers().size(): over the node's headers that builds a set of their names first.
        List<Header> headers = new ArrayList<>(HEADERS);
        for (Map.Entry<String, String> entry : response.headers()) {
            headers.add(new Header(entry.getKey(), entry.getValue()));
        }
        HttpBody body = new HttpBody(endpoint, upstream, response, ended);
        if (!result.complete(new ProxyResponse(response.statusCode(), headers, body, endpoint.name()))) {
            upstream.reset();
        }
    }

    private void fail(Throwable cause) {
        result.completeExceptionally(translate(endpoint, cause, connectTimeout));
    }

    static RuntimeException translate(Node endpoint, Throwable cause, Duration connectTimeout) {
        if (cause instanceof ConnectTimeoutException) {
            return new NodeTimeoutException(endpoint.name(), "connection", connectTimeout);
        }
        if (cause instanceof ConnectException) {
            return new NodeFailedException(endpoint.name(), "cannot connect to " + endpoint.url(), cause);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof IOException && message.contains("Connection reset")) {
            // The JDK's selector says "Connection reset", Netty's epoll "recvAddress(..) failed with error(-104):
            // Connection reset by peer": the client gets the fact, not the transport's wording.
            return new NodeFailedException(endpoint.name(), "the node reset the connection", cause);
        }
        return new NodeFailedException(endpoint.name(), message, cause);
    }
}
