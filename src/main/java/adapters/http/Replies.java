package adapters.http;

import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import core.MalformedRequestException;
import core.access.ForbiddenModelException;
import core.access.LocalOnlyException;
import core.access.RateDecision;
import core.access.RateLimitedException;
import core.access.UnauthorizedException;
import core.fleet.HeartbeatRefusedException;
import core.fleet.UnknownModelException;
import core.fleet.UnknownNodeException;
import core.routing.DrainingException;
import core.routing.NoRoutableNodeException;
import core.routing.NodeFailedException;
import core.routing.NodeTimeoutException;
import core.routing.QueueFullException;

/**
 * Writes replies: JSON bodies, errors in the client's dialect with a message that says what to do, and the one place
 * where gateway failures become HTTP statuses. Event loop; no blocking.
 */
final class Replies {

    static final String JSON = "application/json; charset=utf-8";
    private static final Logger LOG = Logger.getLogger("drover.http");

    private Replies() {
    }

    static void json(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", JSON).end(body);
    }

    /**
     * The request's body as a JSON object ({@code {}} when there is none), as the gate read it (bounded to the limit of
     * admin and node calls); null after answering 400, with {@code expected} saying what is wanted.
     */
    static JsonObject jsonObject(RoutingContext rc, String expected) {
        Buffer body = rc.body().buffer();
        try {
            return body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject();
        } catch (RuntimeException e) {
            error(Dialect.OLLAMA, rc.response(), 400, "expected " + expected);
            return null;
        }
    }

    static void text(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }

    static void error(Dialect dialect, HttpServerResponse response, int status, String message) {
        if (!response.ended() && !response.closed()) {
            json(response, status, dialect.errorBody(status, message));
        }
    }

    /**
     * Asks an HTTP/1.x client to close the connection after this answer. HTTP/2 has no such header (it is a protocol
     * error there): its streams end on their own.
     */
    static void closeAfter(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            request.response().putHeader("Connection", "close");
        }
    }

    /** The failure a completion stage reported, without the {@link CompletionException} wrapped around it. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Maps a routing or node failure to its status and an actionable message. */
    static void failure(Dialect dialect, HttpServerResponse response, Throwable failure) {
        Throwable error = cause(failure);
        if (response.ended() || response.closed() || error instanceof BodyReader.ClientGoneException) {
            return;
        }
        if (error instanceof MalformedRequestException) {
            error(dialect, response, 400, error.getMessage());
        } else if (error instanceof BodyTooLargeException) {
            error(dialect, response, 413, error.getMessage());
        } else if (error instanceof BodyTimeoutException) {
            error(dialect, response, 408, error.getMessage());
        } else if (error instanceof BodyMemoryFullException) {
            response.putHeader("Retry-After", "1");
            error(dialect, response, 503, error.getMessage());
        } else if (error instanceof UnauthorizedException) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
            error(dialect, response, 401, error.getMessage());
        } else if (error instanceof RateLimitedException limited) {
            rateHeaders(response, limited.decision());
            response.putHeader("Retry-After", Long.toString(limited.decision().retryAfterSeconds()));
            error(dialect, response, 429, limited.getMessage());
        } else if (error instanceof LocalOnlyException) {
            error(dialect, response, 403, error.getMessage());
        } else if (error instanceof ForbiddenModelException) {
            error(dialect, response, 403, error.getMessage());
        } else if (error instanceof UnknownModelException unknown) {
            error(dialect, response, 404, unknownModel(unknown, dialect));
        } else if (error instanceof HeartbeatRefusedException refused) {
            int status = switch (refused.reason()) {
                case DISABLED -> 403;
                case UNAUTHORIZED -> 401;
                case INVALID -> 400;
                case CONFLICT -> 409;
            };
            if (status == 401) {
                response.putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
            }
            error(dialect, response, status, error.getMessage());
        } else if (error instanceof UnknownNodeException) {
            error(dialect, response, 404, error.getMessage());
        } else if (error instanceof DrainingException) {
            response.putHeader("Retry-After", "1");
            error(dialect, response, 503, error.getMessage());
        } else if (error instanceof QueueFullException full) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, full.retryAfter().toSeconds())));
            error(dialect, response, 429, full.getMessage());
        } else if (error instanceof NoRoutableNodeException busy) {
            long seconds = Math.max(1, (busy.retryAfter().toMillis() + 999) / 1000);
            response.putHeader("Retry-After", Long.toString(seconds));
            error(dialect, response, 503, busy.getMessage());
        } else if (error instanceof NodeTimeoutException) {
            error(dialect, response, 504, error.getMessage() + "; the node may be overloaded or loading a large"
                    + " model (see proxy.first_byte_timeout)");
        } else if (error instanceof NodeFailedException) {
            error(dialect, response, 502, error.getMessage() + "; retry the request, Drover routes around nodes"
                    + " that fail their health checks");
        } else {
            LOG.error("unexpected failure while proxying", error);
            error(dialect, response, 500, "internal error in Drover: " + error.getClass().getSimpleName());
        }
    }

    /** The {@code X-RateLimit-*} headers of the bucket with the fewest requests left. */
    static void rateHeaders(HttpServerResponse response, RateDecision decision) {
        response.putHeader("X-RateLimit-Limit", Long.toString(decision.limit()))
                .putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()))
                .putHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }

    private static String unknownModel(UnknownModelException unknown, Dialect dialect) {
        if (!unknown.keptFrom().isEmpty()) {
            return unknown.getMessage();
        }
        if (!unknown.onlyOn().isEmpty()) {
            return unknown.getMessage() + "; call it through the OpenAI-compatible API, e.g. POST"
                    + " /v1/chat/completions";
        }
        String message = "model '" + unknown.requested() + "' not found on any node of the fleet; see "
                + dialect.modelListCall() + " for the models it has";
        return dialect == Dialect.OLLAMA
                ? message + ", or pull it onto a node with POST /api/pull and header X-Drover-Endpoint: <node>"
                : message;
    }
}
