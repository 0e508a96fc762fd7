package core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HealthPolicyTest {

    private final HealthPolicy policy = new HealthPolicy(2, 1, Duration.ofSeconds(30));

    @Test
    void shouldDoubleTheProbeIntervalWhileDownUpToTheCap() {
        // Given
        Duration interval = Duration.ofSeconds(5);

        // When
        Duration[] delays = {policy.backoff(interval, 2), policy.backoff(interval, 3), policy.backoff(interval, 4),
                policy.backoff(interval, 9), policy.backoff(interval, 1000)};

        // Then
        assertThat(delays).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
