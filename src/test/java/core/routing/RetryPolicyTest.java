package core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void shouldPassOverANodeThatSaysItIsBusyForItsRetryAfterWithinBounds() {
        assertThat(RetryPolicy.busyFor(answer(503))).isEqualTo(RetryPolicy.BUSY_PENALTY);
        assertThat(RetryPolicy.busyFor(answer(429, "Retry-After", "2"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.busyFor(answer(503, "retry-after", "3600"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.busyFor(answer(503, "Retry-After", "0"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryPolicy.busyFor(answer(503, "Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")))
                .isEqualTo(RetryPolicy.BUSY_PENALTY);
        assertThat(RetryPolicy.busyFor(answer(500))).isZero();
        assertThat(RetryPolicy.busyFor(answer(200))).isZero();
    }

    private static ProxyResponse answer(int status, String... header) {
        List<Header> headers = header.length == 0 ? List.of() : List.of(new Header(header[0], header[1]));
        return new ProxyResponse(status, headers, subscriber -> {
        }, "node");
    }
}
