package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;

import org.junit.jupiter.api.Test;

/** A taken port is named, whichever transport reported it. */
class StartupFailureTest {

    @Test
    void shouldNameThePortWhenEpollSaysOnlyThatTheAddressIsInUse() {
        // Given: Netty's epoll transport words a taken port without the port
        Throwable failure = new RuntimeException("startup failed",
                new IOException("bind(..) failed with error(-98): Address already in use"));

        assertThat(StartupFailure.describe(failure, "11435"))
                .isEqualTo("failed to start: Port already bound: 11435 (address already in use)");
    }

    @Test
    void shouldKeepQuarkusOwnWordsForTheJdksBindException() {
        Throwable failure = new RuntimeException("Port already bound: 11435: Address already in use",
                new BindException("Address already in use"));

        assertThat(StartupFailure.describe(failure, "11435")).doesNotContain("(address already in use)");
    }
}
