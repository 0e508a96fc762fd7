package adapters.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import adapters.relay.RelayFrame.Type;
import core.access.EnrollmentTokens;
import core.access.EnrollmentTokens.Claims;
import core.access.EnrollmentTokens.InvalidTokenException;
import core.access.LogBudget;
import core.fleet.Fleet;
import ports.in.EnrollNodesUseCase;

class RelayHubTest {

    private final List<CloseReason> closes = new ArrayList<>();
    private final LogBudget faults = new LogBudget(2, Duration.ofHours(1), 0);

    @Test
    void shouldRefuseAnAgentOnceThoughItsHelloWasAlreadyOnItsWay() {
        // Given: an agent with a bad token, refused at connect; its HELLO was sent before the refusal reached it
        RelayHub hub = new RelayHub(refusingEveryToken(), new Fleet(), faults);
        WebSocketConnection agent = connection("c1");
        hub.opened(agent);

        // When: the HELLO arrives
        hub.frame(agent, Buffer.buffer(Unpooled.wrappedBuffer(
                RelayFrame.text(Type.HELLO, 0, "{\"name\":\"gpu-1\"}").encode())));

        // Then: one close, the refusal, and one line in the log (not a second "frame before HELLO")
        assertThat(closes).extracting(CloseReason::getCode).containsExactly(RelayProtocol.UNAUTHORIZED);
        assertThat(faults.admit(System.nanoTime())).as("log lines held back: none, one of two written")
                .isZero();
    }

    private static EnrollNodesUseCase refusingEveryToken() {
        EnrollmentTokens tokens = new EnrollmentTokens("x".repeat(EnrollmentTokens.MIN_SECRET_LENGTH),
                Clock.systemUTC());
        return new EnrollNodesUseCase() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String issue(Duration ttl, String node, boolean singleUse) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Claims admit(String authorization, boolean claimUse) throws InvalidTokenException {
                return tokens.verify("not-a-token");
            }

            @Override
            public void refuseSpent(Claims claims) {
            }
        };
    }

    /** An open connection that records what the hub closes it with; it stays open (the peer has not heard yet). */
    private WebSocketConnection connection(String id) {
        HandshakeRequest handshake = (HandshakeRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HandshakeRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "remoteAddress" -> "10.0.0.9:40000";
                    case "header" -> "Bearer not-a-token";
                    default -> throw new AssertionError("unexpected: " + method.getName());
                });
        return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "handshakeRequest" -> handshake;
                    case "isClosed" -> false;
                    case "close" -> {
                        closes.add((CloseReason) args[0]);
                        yield Uni.createFrom().voidItem();
                    }
                    default -> throw new AssertionError("unexpected: " + method.getName());
                });
    }
}
