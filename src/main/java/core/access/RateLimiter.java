package core.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Token buckets per API key, per client address and for everyone. A request takes a token from each bucket that
 * applies (key's, then address's, then the global one) and is refused by the first that is empty. Idle full buckets of
 * addresses are forgotten once many are tracked, so a scan from many addresses cannot grow memory without bound.
 * Thread-safe; never blocks beyond a bucket's short lock.
 */
public final class RateLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private volatile Optional<RateLimit> perAddress;
    private volatile TokenBucket global;
    private final Map<String, TokenBucket> addresses = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> keys = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, Optional<RateLimit> global, Optional<RateLimit> perAddress) {
        this.clock = clock;
        this.perAddress = perAddress;
        this.global = global.map(limit -> new TokenBucket(limit, now())).orElse(null);
    }

    /**
     * Limits everyone's requests by {@code newGlobal} and each address's by {@code newPerAddress} from now on (a
     * reload); a limit that did not change keeps its buckets, a changed one starts full. Returns whether any changed.
     */
    public synchronized boolean limits(Optional<RateLimit> newGlobal, Optional<RateLimit> newPerAddress) {
        boolean changed = false;
        if (!newGlobal.equals(Optional.ofNullable(global).map(TokenBucket::limit))) {
            global = newGlobal.map(limit -> new TokenBucket(limit, now())).orElse(null);
            changed = true;
        }
        if (!newPerAddress.equals(perAddress)) {
            addresses.clear();
            perAddress = newPerAddress;
            changed = true;
        }
        return changed;
    }

    /**
     * Forgets the bucket of every key that {@code ring} no longer holds with the same limit, so a key whose limit
     * changed starts on the new one; the others keep what they have used.
     */
    public void keep(KeyRing ring) {
        keys.entrySet().removeIf(entry -> ring.keys().stream().noneMatch(
                key -> key.name().equals(entry.getKey())
                        && key.rateLimit().equals(Optional.of(entry.getValue().limit()))));
    }

    /**
     * Takes one request from each bucket that applies, or throws {@link RateLimitedException} naming the bucket that
     * refused. Returns the decision to show the client: the bucket with the fewest requests left. {@code address} is
     * asked for only when a per-address limit is configured; with no limit at all nothing is read, not even the clock.
     */
    public RateDecision admit(Optional<ApiKey> key, Supplier<String> address) {
        boolean keyed = key.isPresent() && key.get().rateLimit().isPresent();
        Optional<RateLimit> perAddress = this.perAddress;
        TokenBucket global = this.global;
        if (!keyed && perAddress.isEmpty() && global == null) {
            return RateDecision.UNLIMITED;
        }
        long now = now();
        RateDecision shown = RateDecision.UNLIMITED;
        if (keyed) {
            ApiKey k = key.get();
            shown = check("key " + k.name(),
                    keys.computeIfAbsent(k.name(), n -> new TokenBucket(k.rateLimit().get(), now)).take(now), shown);
        }
        if (perAddress.isPresent()) {
            if (addresses.size() > MAX_TRACKED) {
                addresses.values().removeIf(bucket -> bucket.full(now));
            }
            String client = address.get();
            shown = check("address " + client,
                    addresses.computeIfAbsent(client, a -> new TokenBucket(perAddress.get(), now)).take(now), shown);
        }
        if (global != null) {
            shown = check("the gateway", global.take(now), shown);
        }
        return shown;
    }

    private static RateDecision check(String scope, RateDecision decision, RateDecision shown) {
        if (!decision.allowed()) {
            throw new RateLimitedException(scope, decision);
        }
        return shown.tighter(decision);
    }

    private long now() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
