package adapters.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** On Linux x86-64 the event loops run on Netty's epoll transport (less CPU per request than the JDK's selector). */
@QuarkusTest
class NativeTransportIT {

    @Inject
    Vertx vertx;

    @Test
    void shouldRunTheEventLoopsOnEpollOnLinux() {
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")),
                "the epoll transport is bundled for Linux x86-64 only");

        assertThat(vertx.isNativeTransportEnabled()).isTrue();
    }
}
