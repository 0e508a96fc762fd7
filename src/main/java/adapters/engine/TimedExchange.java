package adapters.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import core.fleet.Node;
import core.routing.NodeTimeoutException;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;
import ports.out.NodeTransport;

/**
 * One request to one node under the engine's limits, over whichever transport reaches it: no head within
 * {@code proxy.first_byte_timeout} (or {@code total_timeout}, when shorter) fails the attempt with an
 * {@link NodeTimeoutException} and abandons it at the node; once the head is in, the body runs under
 * {@link TimedBody}. The one place those timers live. Non-blocking.
 */
final class TimedExchange {

    private final Vertx vertx;
    private final Node endpoint;
    private final Timeouts timeouts;

    TimedExchange(Vertx vertx, Node endpoint, Timeouts timeouts) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.timeouts = timeouts;
    }

    CompletionStage<ProxyResponse> start(NodeTransport transport, ProxyRequest request) {
        long start = System.nanoTime();
        Context context = Vertx.currentContext();
        boolean totalFirst = timeouts.hasTotal() && timeouts.total().compareTo(timeouts.firstByte()) < 0;
        Duration firstByte = totalFirst ? timeouts.total() : timeouts.firstByte();
        CompletableFuture<ProxyResponse> result = new CompletableFuture<>();
        CompletableFuture<ProxyResponse> upstream = transport.open(endpoint, request).toCompletableFuture();
        long timer = vertx.setTimer(Math.max(1, firstByte.toMillis()), id -> {
            if (result.completeExceptionally(new NodeTimeoutException(endpoint.name(),
                    totalFirst ? "end of the answer" : "first byte", firstByte))) {
                upstream.cancel(true);
            }
        });
        result.whenComplete((response, error) -> {
            // Every way out (answer, failure, timeout, caller gone) ends the first-byte timer.
            vertx.cancelTimer(timer);
            if (result.isCancelled()) {
                upstream.cancel(true);
            }
        });
        upstream.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error);
                return;
            }
            long deadline = timeouts.hasTotal() ? start + timeouts.total().toNanos() : Long.MAX_VALUE;
            ProxyResponse timed = response
                    .withBody(new TimedBody(vertx, eventLoop(context), endpoint, response.body(), timeouts.idle(),
                            deadline, timeouts.total()));
            if (!result.complete(timed)) {
                response.drop();
            }
        });
        return result;
    }

    private static Context eventLoop(Context context) {
        return context != null && context.isEventLoopContext() ? context : null;
    }

}
