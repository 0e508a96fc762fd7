package adapters.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import adapters.relay.RelayFrame.Type;
import core.access.EnrollmentTokens;
import testsupport.SimFleet;

/** Agents dialing in: a valid enrollment gets WELCOME; each bad token gets its close code and reason. */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class RelayEnrollmentIT {

    private final Vertx vertx = Vertx.vertx();
    private final EnrollmentTokens tokens = new EnrollmentTokens(SimFleet.RELAY_SECRET, Clock.systemUTC());

    @TestHTTPResource("/")
    URL root;

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldWelcomeAnAgentWithAValidToken() throws Exception {
        Agent agent = connect("Bearer " + tokens.issue(Duration.ofMinutes(5), null, false), "gpu-home-1");

        RelayFrame welcome = agent.firstFrame.get(10, TimeUnit.SECONDS);

        assertThat(welcome.type()).isEqualTo(Type.WELCOME);
        assertThat(new JsonObject(welcome.text()).getInteger("initial_credit")).isEqualTo(RelayProtocol.INITIAL_CREDIT);
        agent.socket.close();
    }

    @Test
    void shouldWelcomeAnAgentWithATokenMintedByTheAdminApi() throws Exception {
        String token = io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"ttl\":\"10m\",\"single_use\":true,\"name\":\"gpu-minted\"}").post("/admin/tokens")
                .then().statusCode(200).extract().path("token");

        Agent agent = connect("Bearer " + token, "gpu-minted");

        assertThat(agent.firstFrame.get(10, TimeUnit.SECONDS).type()).isEqualTo(Type.WELCOME);
        agent.socket.close();
    }

    @Test
    void shouldRefuseEachBadEnrollmentWithItsReason() throws Exception {
        EnrollmentTokens yesterday = new EnrollmentTokens(SimFleet.RELAY_SECRET,
                Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));
        String foreign = new EnrollmentTokens("some-other-gateway-secret-32-bytes!!", Clock.systemUTC())
                .issue(Duration.ofMinutes(5), null, false);

        assertRefused(null, "gpu-x", RelayProtocol.UNAUTHORIZED, "no enrollment token");
        assertRefused("Bearer " + yesterday.issue(Duration.ofHours(1), null, false), "gpu-x",
                RelayProtocol.UNAUTHORIZED,
                "expired at");
        assertRefused("Bearer " + foreign, "gpu-x", RelayProtocol.UNAUTHORIZED, "signature does not match");
        assertRefused("Bearer " + tokens.issue(Duration.ofMinutes(5), "gpu-y", false), "gpu-x",
                RelayProtocol.UNAUTHORIZED, "is for node gpu-y, not gpu-x");
    }

    @Test
    void shouldRefuseASingleUseTokenTheSecondTime() throws Exception {
        String once = "Bearer " + tokens.issue(Duration.ofMinutes(5), null, true);
        Agent first = connect(once, "gpu-once");
        assertThat(first.firstFrame.get(10, TimeUnit.SECONDS).type()).isEqualTo(Type.WELCOME);
        first.socket.close();
        // the gateway has seen the first link go (else the name, still connected, is what a second link is refused for)
        testsupport.Gateway.await("gpu-once gone", () -> !io.restassured.RestAssured.given().get("/internal/status")
                .then().extract().<java.util.List<String>>path("endpoints.name").contains("gpu-once"));

        assertRefused(once, "gpu-once", RelayProtocol.UNAUTHORIZED, "was already used");
        // a spent token learns nothing of the fleet: a configured node's name is refused the same way
        assertRefused(once, "node-a", RelayProtocol.UNAUTHORIZED, "was already used");
    }

    @Test
    void shouldRefuseASecondAgentClaimingAConnectedNodesName() throws Exception {
        Agent first = connect("Bearer " + tokens.issue(Duration.ofMinutes(5), null, false), "gpu-twin");
        assertThat(first.firstFrame.get(10, TimeUnit.SECONDS).type()).isEqualTo(Type.WELCOME);

        assertRefused("Bearer " + tokens.issue(Duration.ofMinutes(5), null, false), "gpu-twin", RelayProtocol.DUPLICATE,
                "node gpu-twin is already connected");
        assertRefused("Bearer " + tokens.issue(Duration.ofMinutes(5), null, false), "node-a", RelayProtocol.DUPLICATE,
                "node node-a is already in the fleet");
        first.socket.close();
    }

    private void assertRefused(String authorization, String name, int code, String reason) throws Exception {
        Agent agent = connect(authorization, name);
        Closed closed = agent.closed.get(10, TimeUnit.SECONDS);
        assertThat(closed.code).as(reason).isEqualTo(code);
        assertThat(closed.reason).contains(reason).doesNotContain("drv1.");
        assertThat(agent.firstFrame).isNotCompleted();
    }

    /** Connects like an agent and says HELLO at once. */
    private Agent connect(String authorization, String name) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(root.getPort())
                .setURI("/relay/connect");
        if (authorization != null) {
            options.addHeader("Authorization", authorization);
        }
        WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        Agent agent = new Agent(socket);
        if (socket.isClosed()) {
            // Refused before we could listen: the close status is already there.
            agent.closed.complete(new Closed(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode(),
                    String.valueOf(socket.closeReason())));
            return agent;
        }
        try {
            socket.binaryMessageHandler(message -> agent.firstFrame.complete(RelayFrame.decode(message.getByteBuf()
                    .nioBuffer())));
            socket.closeHandler(v -> agent.closed.complete(new Closed(socket.closeStatusCode() == null
                    ? -1
                    : socket.closeStatusCode(), String.valueOf(socket.closeReason()))));
        } catch (IllegalStateException closedMeanwhile) {
            agent.closed.complete(new Closed(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode(),
                    String.valueOf(socket.closeReason())));
            return agent;
        }
        socket.writeBinaryMessage(Buffer.buffer(io.netty.buffer.Unpooled.wrappedBuffer(RelayFrame.text(Type.HELLO, 0,
                new JsonObject().put("name", name).put("models", new io.vertx.core.json.JsonArray())
                        .put("capacity", 2).put("agent_version", "test").encode())
                .encode())));
        return agent;
    }

    private record Closed(int code, String reason) {
    }

    private static final class Agent {

        final WebSocket socket;
        final CompletableFuture<RelayFrame> firstFrame = new CompletableFuture<>();
        final CompletableFuture<Closed> closed = new CompletableFuture<>();

        Agent(WebSocket socket) {
            this.socket = socket;
        }
    }
}
