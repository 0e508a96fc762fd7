package adapters.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import core.access.OperationsAccess;

/** {@code security:} in config.yaml: who may call (keys), how much (rate limits), from where, and from which origins. */
@ConfigMapping(prefix = "security", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface SecurityConfig {

    /** Keys for the inference API ({@code /api}, {@code /v1}); none configured: the API is open. */
    Optional<List<KeyConfig>> apiKeys();

    /** Keys for {@code /admin/*} (and for operations routes when not open); none: {@code /admin} is loopback-only. */
    Optional<List<KeyConfig>> adminKeys();

    RateLimits rateLimits();

    /** CIDRs of proxies whose {@code X-Forwarded-For} is believed; the client is its right-most untrusted address. */
    Optional<List<String>> trustedProxies();

    /** Who may read {@code /q/metrics} and {@code /internal/*}. */
    @WithDefault("loopback")
    OperationsAccess operationsAccess();

    Cors cors();

    /** One key: exactly one of {@code key}, {@code key_sha256} (hex) or {@code key_file}. */
    interface KeyConfig {

        String name();

        Optional<String> key();

        Optional<String> keySha256();

        Optional<String> keyFile();

        Optional<LimitConfig> rateLimit();

        /** Model patterns this key may use ({@code llama3*}, {@code qwen2.5:?b}); empty: all. */
        Optional<List<String>> models();
    }

    /** {@code requests} per {@code per} (default 1s), up to {@code burst} at once (default: {@code requests}). */
    interface LimitConfig {

        long requests();

        // No @WithDefault: a default would make the optional group look configured.
        Optional<Duration> per();

        OptionalLong burst();
    }

    interface RateLimits {

        Optional<LimitConfig> global();

        Optional<LimitConfig> perIp();
    }

    /** Browser clients: origins allowed to call Drover ({@code *} for any); CORS is off when none are listed. */
    interface Cors {

        Optional<List<String>> allowedOrigins();
    }

    /** {@code loopback}: open from this machine, an admin key otherwise; {@code open}; {@code keyed}: always a key. */
}
