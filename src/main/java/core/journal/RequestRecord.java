package core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished proxied request, as the access log, the metrics and the request log see it: who asked, for what,
 * where it went and how it went. Never the prompt or the answer. {@code keyName}, {@code model} and {@code endpoint}
 * are null when not known (an open API, a request refused before routing, a request that never reached a node);
 * {@code firstByteMillis} is -1 when no byte of an answer was sent; token counts and {@code loadMillis} are -1 when
 * the node did not report them. {@code status} is the HTTP status sent, or {@link #ABORTED} when the client went away
 * first. {@code routeReason} says why the node was chosen ({@code warm}, {@code cold-idle}, ...; null when no node
 * was), {@code coldStart} whether the model was not loaded there when the request was sent, {@code affinity} what
 * its session did ({@code hit}, {@code miss}, {@code moved}; null without a session), {@code servedModel} the model
 * the node was asked for when it is not the one the client named (an alias's model, or a fallback; null otherwise),
 * and {@code fallback} whether that model is a fallback because no node of the first could take the request.
 */
public record RequestRecord(String requestId, Instant startedAt, String keyName, String route, String model,
        String endpoint, int status, long durationMillis, long firstByteMillis, int attempts, long promptTokens,
        long completionTokens, long loadMillis, long generationNanos, String routeReason, boolean coldStart,
        String affinity, String servedModel, boolean fallback) {

    /** The status recorded for a request whose client left before the answer ended (nginx's convention). */
    public static final int ABORTED = 499;
    /** A {@code load_duration} at least this long means the node loaded the model for this request. */
    public static final long LOAD_MILLIS = 500;

    public RequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(route, "route");
    }

    public boolean aborted() {
        return status == ABORTED;
    }

    /** The model the node ran: an alias's model or a fallback when there was one, else the one asked for. */
    public String ranModel() {
        return servedModel != null ? servedModel : model;
    }

    /** Whether the node loaded the model for this request, by the load time it reported. */
    public boolean coldLoad() {
        return loadMillis >= LOAD_MILLIS;
    }

    /** Completion tokens per second of generation, from the node's own timing; -1 when it did not say. */
    public double tokensPerSecond() {
        if (completionTokens <= 0 || generationNanos <= 0) {
            return -1;
        }
        return completionTokens * 1_000_000_000.0 / generationNanos;
    }
}
