package ports.out;

import java.util.concurrent.CompletionStage;

import core.fleet.Node;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/**
 * Sends one request to one node and hands back the answer as it streams.
 * <p>
 * Non-blocking: returns at once; the stage completes when the node's status line and headers arrive, or fails with
 * {@link core.routing.NodeFailedException} (connection refused/reset, protocol error) or
 * {@link core.routing.NodeTimeoutException} (connect or first-byte timeout). Cancelling the stage's
 * {@code CompletableFuture} before it completes resets the upstream request. The body publisher supports one
 * subscriber, honours demand (backpressure reaches the node's socket), signals {@code onError} with an
 * {@code NodeTimeoutException} when the node stays silent longer than the idle timeout, and resets the upstream
 * request when its subscription is cancelled, so the node stops generating.
 */
public interface ProxyEngine {

    CompletionStage<ProxyResponse> send(Node endpoint, ProxyRequest request);
}
