package core.fleet;

import java.time.Instant;

/**
 * One model on one node as the status page shows it: whether it is loaded, since when and until when
 * ({@code expiresAt}; null when not loaded or the node did not say), its GPU memory ({@code sizeVram} bytes, -1 when
 * not known), Drover's requests in flight for it there, and the figures learned from its answers (null or -1 until
 * seen): load time, time a request holds a slot, tokens per second.
 */
public record ModelResidency(String model, boolean loaded, Instant since, Instant expiresAt, long sizeVram,
        int inFlight, Long loadMillis, Long slotMillis, double tokensPerSecond) {
}
