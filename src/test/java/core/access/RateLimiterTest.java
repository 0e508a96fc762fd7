package core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import core.TestClock;

class RateLimiterTest {

    private final TestClock clock = new TestClock();
    private final ApiKey alice = new ApiKey("alice", KeyRing.sha256("alice-secret-key-0001"),
            Optional.of(new RateLimit(2, Duration.ofSeconds(10), 2)), List.of());

    @Test
    void shouldAllowABurstThenRefuseWithTheTimeToWait() {
        // Given
        RateLimiter limiter = new RateLimiter(clock, Optional.empty(), Optional.empty());
        limiter.admit(Optional.of(alice), () -> "10.0.0.1");
        RateDecision second = limiter.admit(Optional.of(alice), () -> "10.0.0.1");

        // When / Then
        assertThat(second).isEqualTo(new RateDecision(true, 2, 0, 10, 0));
        assertThatThrownBy(() -> limiter.admit(Optional.of(alice), () -> "10.0.0.1"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.decision().retryAfterSeconds()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("key alice");
                });
    }

    @Test
    void shouldStartAKeyOnItsNewLimitAfterAReloadAndKeepAnUnchangedKeysBucket() {
        // Given: alice and bob have used up their 2 requests; a reload raises alice's limit to 5 and keeps bob's
        RateLimiter limiter = new RateLimiter(clock, Optional.empty(), Optional.empty());
        ApiKey bob = new ApiKey("bob", KeyRing.sha256("bob-secret-key-00001"), alice.rateLimit(), List.of());
        for (ApiKey key : List.of(alice, alice, bob, bob)) {
            limiter.admit(Optional.of(key), () -> "a");
        }
        ApiKey raised = new ApiKey("alice", alice.sha256(), Optional.of(new RateLimit(5, Duration.ofSeconds(10), 5)),
                List.of());

        // When
        limiter.keep(new KeyRing(List.of(raised, bob)));

        // Then
        assertThat(limiter.admit(Optional.of(raised), () -> "a").remaining()).isEqualTo(4);
        assertThatThrownBy(() -> limiter.admit(Optional.of(bob), () -> "a")).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void shouldRecoverOneRequestPerInterval() {
        // Given
        RateLimiter limiter = new RateLimiter(clock, Optional.empty(), Optional.empty());
        limiter.admit(Optional.of(alice), () -> "a");
        limiter.admit(Optional.of(alice), () -> "a");

        // When
        clock.advance(Duration.ofSeconds(5));

        // Then
        assertThat(limiter.admit(Optional.of(alice), () -> "a").allowed()).isTrue();
        assertThatThrownBy(() -> limiter.admit(Optional.of(alice), () -> "a")).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void shouldLimitEachAddressOnItsOwn() {
        // Given
        RateLimiter limiter = new RateLimiter(clock, Optional.empty(),
                Optional.of(new RateLimit(1, Duration.ofMinutes(1), 1)));
        limiter.admit(Optional.empty(), () -> "10.0.0.1");

        // When
        RateDecision other = limiter.admit(Optional.empty(), () -> "10.0.0.2");

        // Then
        assertThat(other.allowed()).isTrue();
        assertThatThrownBy(() -> limiter.admit(Optional.empty(), () -> "10.0.0.1"))
                .hasMessageContaining("address 10.0.0.1");
    }

    @Test
    void shouldLimitEveryoneTogetherWithTheGlobalBucket() {
        // Given
        RateLimiter limiter = new RateLimiter(clock, Optional.of(new RateLimit(3, Duration.ofSeconds(1), 3)),
                Optional.empty());
        for (int i = 0; i < 3; i++) {
            String address = "10.0.0." + i;
            limiter.admit(Optional.empty(), () -> address);
        }

        // When / Then
        assertThatThrownBy(() -> limiter.admit(Optional.empty(), () -> "10.0.0.9")).hasMessageContaining("the gateway");
        clock.advance(Duration.ofMillis(340));
        assertThat(limiter.admit(Optional.empty(), () -> "10.0.0.9").allowed()).isTrue();
    }

    @Test
    void shouldShowTheTightestBucket() {
        // Given
        RateLimiter limiter = new RateLimiter(clock, Optional.of(new RateLimit(100, Duration.ofSeconds(1), 100)),
                Optional.of(new RateLimit(5, Duration.ofSeconds(1), 5)));

        // When
        RateDecision decision = limiter.admit(Optional.empty(), () -> "10.0.0.1");

        // Then
        assertThat(decision.limit()).isEqualTo(5);
        assertThat(decision.remaining()).isEqualTo(4);
    }

    @Test
    void shouldNotLimitWhenNoLimitIsConfigured() {
        // When: the client's address is not even worked out
        RateDecision decision = new RateLimiter(clock, Optional.empty(), Optional.empty()).admit(Optional.empty(),
                () -> {
                    throw new AssertionError("address asked for without a per-address limit");
                });

        // Then
        assertThat(decision.limited()).isFalse();
    }
}
