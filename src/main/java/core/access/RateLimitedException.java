package core.access;

/** A rate limit refused the request; {@code scope} names the bucket (a key's name, an address, the gateway). 429. */
public final class RateLimitedException extends RuntimeException {

    private final RateDecision decision;

    public RateLimitedException(String scope, RateDecision decision) {
        super("rate limit exceeded for " + scope + "; retry in " + decision.retryAfterSeconds() + " s");
        this.decision = decision;
    }

    public RateDecision decision() {
        return decision;
    }
}
