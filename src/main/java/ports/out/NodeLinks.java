package ports.out;

import java.util.concurrent.CompletionStage;

import core.Endpoint;
import core.ProxyRequest;
import core.ProxyResponse;

/**
 * Nodes that dialed in (the relay): requests to them travel over the link they opened instead of over HTTP to a URL.
 * Non-blocking; the answer's body is published chunk by chunk with backpressure, like an HTTP node's.
 */
public interface NodeLinks {

    /** Sends {@code request} over the link of {@code endpoint}; fails at once if the node is not connected. */
    CompletionStage<ProxyResponse> send(Endpoint endpoint, ProxyRequest request);
}
