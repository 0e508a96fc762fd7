package ports.in;

import java.util.concurrent.CompletionStage;

import core.routing.ProxyRequest;
import core.routing.ProxyResponse;

/**
 * Routes one client request to a node and returns the node's answer as it starts to stream.
 * <p>
 * Non-blocking. The stage fails with {@link core.fleet.UnknownModelException}, {@link core.routing.NoRoutableNodeException},
 * {@link core.fleet.UnknownNodeException}, {@link core.routing.NodeFailedException} or
 * {@link core.routing.NodeTimeoutException}. The caller must either subscribe to the response body or cancel the
 * stage's {@code CompletableFuture} (when its client leaves early): both end the node's in-flight count.
 */
public interface ForwardRequestUseCase {

    CompletionStage<ProxyResponse> forward(ProxyRequest request);
}
