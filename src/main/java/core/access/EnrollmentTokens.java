package core.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Enrollment tokens for agents that dial in: {@code drv1.<claims>.<signature>}, where the claims are
 * {@code id|expiry|single-use|node} in base64url and the signature is an HMAC-SHA256 over {@code drv1.<claims>} with
 * {@code discovery.relay.secret}.
 * Verifying checks format, signature (in constant time) and expiry; whether a single-use token was already used is
 * for the caller's {@link UsedTokens}. A token is never logged: {@link Claims#toString()} shows the id only.
 */
public final class EnrollmentTokens {

    /** The shortest secret accepted: 32 bytes, the HMAC-SHA256 key size. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final String PREFIX = "drv1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    // Per instance, never static: a native image must not carry a random generator seeded at build time.
    private final SecureRandom random = new SecureRandom();

    public EnrollmentTokens(String secret, Clock clock) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the relay secret must be at least " + MIN_SECRET_LENGTH
                    + " bytes long");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.clock = clock;
    }

    /** What a valid token says. {@code node} is null when any node name may use it. */
    public record Claims(String id, Instant expires, String node, boolean singleUse) {

        @Override
        public String toString() {
            return "token " + id;
        }
    }

    /** Why a token was refused; the message never contains the token. */
    public static final class InvalidTokenException extends Exception {

        InvalidTokenException(String reason) {
            super(reason);
        }
    }

    public String issue(Duration ttl, String node, boolean singleUse) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        if (node != null && (node.isBlank() || node.contains("|"))) {
            throw new IllegalArgumentException("not a node name: '" + node + "'");
        }
        byte[] id = new byte[12];
        random.nextBytes(id);
        String claims = HexFormat.of().formatHex(id) + "|" + clock.instant().plus(ttl).getEpochSecond() + "|"
                + (singleUse ? "1" : "0") + "|" + (node == null ? "" : node);
        String payload = PREFIX + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(sign(payload));
    }

    public Claims verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no enrollment token");
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            throw new InvalidTokenException("malformed enrollment token");
        }
        byte[] signature;
        String claims;
        try {
            signature = B64D.decode(parts[2]);
            claims = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("malformed enrollment token");
        }
        if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), signature)) {
            throw new InvalidTokenException("enrollment token signature does not match (another gateway's secret?)");
        }
        String[] fields = claims.split("\\|", -1);
        if (fields.length != 4) {
            throw new InvalidTokenException("malformed enrollment token");
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(fields[1]));
        } catch (NumberFormatException e) {
            throw new InvalidTokenException("malformed enrollment token");
        }
        if (!clock.instant().isBefore(expires)) {
            throw new InvalidTokenException("enrollment token " + fields[0] + " expired at " + expires);
        }
        return new Claims(fields[0], expires, fields[3].isEmpty() ? null : fields[3], fields[2].equals("1"));
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
