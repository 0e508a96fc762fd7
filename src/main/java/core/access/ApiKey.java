package core.access;

import java.util.List;
import java.util.Optional;

/**
 * A client's key as Drover keeps it: a name (safe to log), the SHA-256 of the secret (never the secret), an optional
 * rate limit and the model patterns it may use (empty: all).
 */
public record ApiKey(String name, byte[] sha256, Optional<RateLimit> rateLimit, List<String> models) {

    public ApiKey {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("sha256 must be 32 bytes for key " + name);
        }
        sha256 = sha256.clone();
        rateLimit = rateLimit == null ? Optional.empty() : rateLimit;
        models = models == null ? List.of() : List.copyOf(models);
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + "]";
    }
}
