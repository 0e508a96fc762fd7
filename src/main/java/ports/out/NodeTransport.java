package ports.out;

import java.util.concurrent.CompletionStage;

import core.fleet.Node;
import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/**
 * One way to reach a node: over HTTP to its URL, or over the relay link of a node that dialed in. A transport carries
 * a request there and hands back the answer as it streams; it keeps no timers, counts no failures and retries
 * nothing, since the engine above it does all of that the same way for every transport.
 * <p>
 * Non-blocking: returns at once. The stage completes when the node's status and headers arrive, or fails with
 * {@link core.routing.NodeFailedException} (cannot reach it, connection lost, protocol error). Cancelling the stage's
 * {@code CompletableFuture} before it completes abandons the request at the node. The body publisher supports one
 * subscriber, honours demand (backpressure reaches the node), signals {@code onError} with an
 * {@code NodeFailedException} when the connection is lost in the middle of the answer, and abandons the request
 * at the node when its subscription is cancelled, so the node stops generating. Signals may arrive on any thread, one
 * at a time.
 */
public interface NodeTransport {

    CompletionStage<ProxyResponse> open(Node endpoint, ProxyRequest request);
}
