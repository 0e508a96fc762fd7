package adapters.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import adapters.config.ConfigChecks;
import adapters.config.InvalidConfigException;
import adapters.config.SecurityConfig.KeyConfig;
import adapters.config.SecurityConfig.LimitConfig;
import core.access.ApiKey;
import core.access.KeyRing;
import core.access.RateLimit;

/**
 * Builds a {@link KeyRing} from {@code security.api_keys} or {@code admin_keys}. A key is given as itself
 * ({@code key}, usually {@code ${ENV}}), its SHA-256 ({@code key_sha256}, so the file holds no secret) or a file
 * ({@code key_file}); only its digest is kept. Errors name the key's entry, never the secret.
 */
final class AccessKeys {

    private static final String HIDDEN = "<hidden>";

    private AccessKeys() {
    }

    static KeyRing of(String prefix, List<KeyConfig> configs, UnaryOperator<String> rawValues) {
        List<ApiKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            KeyConfig c = configs.get(i);
            String key = prefix + "[" + i + "]";
            if (c.name().isBlank() || !names.add(c.name().strip())) {
                throw new InvalidConfigException(key + ".name", c.name(), "must be present and unique");
            }
            ConfigChecks.unexpanded(key + ".key", c.key().isPresent(), rawValues);
            ConfigChecks.unexpanded(key + ".key_file", c.keyFile().isPresent(), rawValues);
            keys.add(new ApiKey(c.name().strip(), digest(key, c), c.rateLimit().map(l -> limit(key + ".rate_limit",
                    l)), c.models().orElse(List.of())));
        }
        return new KeyRing(keys);
    }

    static Optional<RateLimit> limit(String key, Optional<LimitConfig> config) {
        return config.map(l -> limit(key, l));
    }

    private static RateLimit limit(String key, LimitConfig l) {
        Duration per = ConfigChecks.positive(key + ".per", l.per().orElse(Duration.ofSeconds(1)));
        if (l.requests() < 1) {
            throw new InvalidConfigException(key + ".requests", l.requests(), "must be at least 1");
        }
        long burst = l.burst().orElse(l.requests());
        if (burst < 1) {
            throw new InvalidConfigException(key + ".burst", burst, "must be at least 1");
        }
        return new RateLimit(l.requests(), per, burst);
    }

    private static byte[] digest(String key, KeyConfig c) {
        int given = (c.key().isPresent() ? 1 : 0) + (c.keySha256().isPresent() ? 1 : 0)
                + (c.keyFile().isPresent() ? 1 : 0);
        if (given != 1) {
            throw new InvalidConfigException(key, HIDDEN, "give exactly one of key, key_sha256 or key_file");
        }
        if (c.keySha256().isPresent()) {
            String hex = c.keySha256().get().strip();
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new InvalidConfigException(key + ".key_sha256", HIDDEN, "must be 64 hex digits");
            }
            return HexFormat.of().parseHex(hex.toLowerCase());
        }
        String secret;
        if (c.keyFile().isPresent()) {
            secret = ConfigChecks.secretFile(key + ".key_file", c.keyFile().get());
        } else {
            secret = c.key().get().strip();
        }
        if (secret.length() < 16) {
            throw new InvalidConfigException(key + ".key", HIDDEN, "must be at least 16 characters");
        }
        return KeyRing.sha256(secret);
    }
}
