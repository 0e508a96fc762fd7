package adapters.http;

import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import core.EndpointFailedException;
import core.EndpointTimeoutException;
import core.MalformedRequestException;
import core.NoRoutableEndpointException;
import core.UnknownEndpointException;
import core.UnknownModelException;

/**
 * Writes replies in Ollama's own shapes: JSON bodies, {@code {"error": "..."}} errors with a message that says what
 * to do, and the one place where gateway failures become HTTP statuses. Event loop; no blocking.
 */
final class OllamaReplies {

    static final String JSON = "application/json; charset=utf-8";
    private static final Logger LOG = Logger.getLogger("drover.http");

    private OllamaReplies() {
    }

    static void json(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", JSON).end(body);
    }

    static void text(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }

    static void error(HttpServerResponse response, int status, String message) {
        if (!response.ended() && !response.closed()) {
            json(response, status, errorBody(message));
        }
    }

    static String errorBody(String message) {
        return new JsonObject().put("error", message).encode();
    }

    /** Maps a routing or node failure to its status and an actionable message. */
    static void failure(HttpServerResponse response, Throwable failure) {
        Throwable error = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (response.ended() || response.closed()) {
            return;
        }
        if (error instanceof MalformedRequestException) {
            error(response, 400, error.getMessage());
        } else if (error instanceof BodyTooLargeException) {
            error(response, 413, error.getMessage());
        } else if (error instanceof UnknownModelException unknown) {
            error(response, 404, "model '" + unknown.requested() + "' not found on any node of the fleet;"
                    + " see GET /api/tags for the models it has, or pull it onto a node with POST /api/pull"
                    + " and header X-Drover-Endpoint: <node>");
        } else if (error instanceof UnknownEndpointException) {
            error(response, 404, error.getMessage());
        } else if (error instanceof NoRoutableEndpointException busy) {
            long seconds = Math.max(1, (busy.retryAfter().toMillis() + 999) / 1000);
            response.putHeader("Retry-After", Long.toString(seconds));
            error(response, 503, busy.getMessage());
        } else if (error instanceof EndpointTimeoutException) {
            error(response, 504, error.getMessage() + "; the node may be overloaded or loading a large model"
                    + " (see proxy.first_byte_timeout)");
        } else if (error instanceof EndpointFailedException) {
            error(response, 502, error.getMessage() + "; retry the request, Drover routes around nodes that"
                    + " fail their health checks");
        } else {
            LOG.error("unexpected failure while proxying", error);
            error(response, 500, "internal error in Drover: " + error);
        }
    }
}
