package core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import core.access.EnrollmentTokens.Claims;
import core.access.EnrollmentTokens.InvalidTokenException;

/** Every way an enrollment token is accepted or refused, on a clock the test moves. */
class EnrollmentTokensTest {

    private static final String SECRET = "a-relay-secret-of-at-least-32-bytes!";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final EnrollmentTokens tokens = new EnrollmentTokens(SECRET, clock);

    @Test
    void shouldAcceptAFreshTokenAndReadItsClaims() throws Exception {
        String token = tokens.issue(Duration.ofHours(1), "gpu-home", true);

        Claims claims = tokens.verify(token);

        assertThat(claims.node()).isEqualTo("gpu-home");
        assertThat(claims.singleUse()).isTrue();
        assertThat(claims.expires()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
        assertThat(claims.toString()).doesNotContain(token);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        String token = tokens.issue(Duration.ofMinutes(15), null, false);
        clock.now = clock.now.plus(Duration.ofMinutes(15));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("expired at 2026-11-23T12:15:00Z");
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecretOrAltered() {
        String foreign = new EnrollmentTokens("another-secret-that-is-32-bytes-long", clock)
                .issue(Duration.ofHours(1), null, false);
        String token = tokens.issue(Duration.ofHours(1), "a", false);
        String[] parts = token.split("\\.");
        String widened = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("|a", "|").getBytes())
                + "." + parts[2];

        assertThatThrownBy(() -> tokens.verify(foreign)).hasMessageContaining("signature does not match");
        assertThatThrownBy(() -> tokens.verify(widened)).hasMessageContaining("signature does not match");
    }

    @Test
    void shouldRefuseMissingAndMalformedTokensWithoutEchoingThem() {
        assertThatThrownBy(() -> tokens.verify(null)).hasMessage("no enrollment token");
        assertThatThrownBy(() -> tokens.verify("  ")).hasMessage("no enrollment token");
        assertThatThrownBy(() -> tokens.verify("drv1.not-base64!.x")).hasMessage("malformed enrollment token");
        assertThatThrownBy(() -> tokens.verify("hello")).hasMessage("malformed enrollment token");
    }

    @Test
    void shouldAcceptASingleUseTokenOnceAndForgetItWhenItWouldHaveExpired() throws Exception {
        UsedTokens used = new UsedTokens(clock);
        Claims claims = tokens.verify(tokens.issue(Duration.ofMinutes(5), null, true));

        assertThat(used.claim(claims)).isTrue();
        assertThat(used.claim(claims)).as("replayed").isFalse();
    }

    @Test
    void shouldRefuseAShortSecret() {
        assertThatThrownBy(() -> new EnrollmentTokens("too-short", clock))
                .hasMessageContaining("at least 32 bytes");
    }

    private static final class MutableClock extends Clock {

        Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
