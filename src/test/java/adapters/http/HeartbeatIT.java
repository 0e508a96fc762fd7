package adapters.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static testsupport.Gateway.await;
import static testsupport.Gateway.chat;
import static testsupport.Gateway.healthyFleet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;
import core.access.EnrollmentTokens;
import testsupport.SimFleet;

/** Reachable nodes that register by heartbeat (ttl 700 ms, expiry 1.5 s here). */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class HeartbeatIT {

    private final Vertx vertx = Vertx.vertx();
    private final EnrollmentTokens tokens = new EnrollmentTokens(SimFleet.RELAY_SECRET, Clock.systemUTC());
    private SimulatedOllama node;

    @BeforeEach
    void start() {
        healthyFleet();
        node = SimulatedOllama.start(vertx, SimSettings.named("hb-node").withModels(List.of("hb-llm"))
                .withTokens(3, Duration.ofMillis(1)));
    }

    @AfterEach
    void stop() {
        await("hb-node expired", () -> !given().get("/internal/status").asString().contains("hb-node"));
        node.close();
        vertx.close();
    }

    @Test
    void shouldRouteToANodeWhileItBeatsThenStopThenForgetIt() {
        // Given
        String token = "Bearer " + tokens.issue(Duration.ofMinutes(5), "hb-node", true);

        // When
        beat(token).then().statusCode(200).body("status", equalTo("registered"));
        await("hb-node serves hb-llm", () -> chat("hb-llm").statusCode() == 200);
        beat(token).then().statusCode(200).body("status", equalTo("refreshed"));

        // Then: served while beating; not routable once the beats stop; gone after the expiry
        chat("hb-llm").then().statusCode(200).header("X-Drover-Endpoint", "hb-node");
        await("hb-node not routable after its ttl", () -> chat("hb-llm").statusCode() == 503);
        await("hb-node removed after its expiry", () -> chat("hb-llm").statusCode() == 404);
    }

    @Test
    void shouldKeepANodeRegisteredWhileTheAgentAdvertisesIt() {
        // Given
        adapters.relay.agent.HeartbeatSender sender = new adapters.relay.agent.HeartbeatSender(vertx,
                java.net.URI.create(
                        "http://127.0.0.1:" + port()),
                tokens.issue(Duration.ofMinutes(5), null, true), "hb-node",
                java.net.URI.create(node.url()), Duration.ofMillis(200));

        // When
        sender.start();

        // Then: it stays routable across several ttl periods, and leaves once the agent stops
        await("hb-node serves hb-llm", () -> chat("hb-llm").statusCode() == 200);
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            chat("hb-llm").then().statusCode(200).header("X-Drover-Endpoint", "hb-node");
        }
        sender.close();
        await("hb-node removed after its expiry", () -> chat("hb-llm").statusCode() == 404);
    }

    @Test
    void shouldRefuseABadTokenAndANameTheFleetAlreadyHas() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer drv1.bogus.token")
                .body("{\"name\":\"hb-node\",\"url\":\"" + node.url() + "\"}").post("/nodes/heartbeat")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("malformed enrollment token"));
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + tokens.issue(Duration.ofMinutes(5), null, false))
                .body("{\"name\":\"node-a\",\"url\":\"" + node.url() + "\"}").post("/nodes/heartbeat")
                .then().statusCode(409).body("error", containsString("already in the fleet"));
    }

    @Test
    void shouldKeepARegistrationWithTheTokenThatMadeIt() {
        // Given: hb-node registered with one multi-use token
        beat("Bearer " + tokens.issue(Duration.ofMinutes(5), null, false)).then().statusCode(200);
        await("hb-node serves hb-llm", () -> chat("hb-llm").statusCode() == 200);

        // When: another valid token tries to point the name elsewhere
        Response takeover = given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + tokens.issue(Duration.ofMinutes(5), null, false))
                .body("{\"name\":\"hb-node\",\"url\":\"http://127.0.0.1:9\"}").post("/nodes/heartbeat");

        // Then: refused, and the node still answers at its own address
        takeover.then().statusCode(409).body("error", containsString("another enrollment token"));
        given().get("/internal/status").then().body("endpoints.find { it.name == 'hb-node' }.url",
                equalTo(node.url()));
        chat("hb-llm").then().statusCode(200).header("X-Drover-Endpoint", "hb-node");
    }

    @Test
    void shouldNotSpendASingleUseTokenOnAHeartbeatItRefuses() {
        // Given: a single-use token for hb-node
        String token = "Bearer " + tokens.issue(Duration.ofMinutes(5), "hb-node", true);

        // When: a heartbeat with another name, then one with a URL that is not http(s)
        given().contentType(ContentType.JSON).header("Authorization", token)
                .body("{\"name\":\"hb-other\",\"url\":\"" + node.url() + "\"}").post("/nodes/heartbeat").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", token)
                .body("{\"name\":\"hb-node\",\"url\":\"ftp://x\"}").post("/nodes/heartbeat").then().statusCode(400);

        // Then: the token still registers its node
        beat(token).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("registered"));
    }

    @Test
    void shouldTellASpentTokenNothingButThatItIsSpent() {
        // Given: a single-use token that registered hb-node
        String token = "Bearer " + tokens.issue(Duration.ofMinutes(5), null, true);
        beat(token).then().statusCode(200);

        // When: the spent token asks for a name the fleet has, and for one it has not
        // Then: both refused alike as spent, never "already in the fleet"; its own node still beats
        for (String name : List.of("node-a", "hb-free")) {
            given().contentType(ContentType.JSON).header("Authorization", token)
                    .body("{\"name\":\"" + name + "\",\"url\":\"" + node.url() + "\"}").post("/nodes/heartbeat")
                    .then().statusCode(401).body("error", containsString("was already used"));
        }
        beat(token).then().statusCode(200);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    private int port() {
        return root.getPort();
    }

    private Response beat(String authorization) {
        return given().contentType(ContentType.JSON).header("Authorization", authorization)
                .body("{\"name\":\"hb-node\",\"url\":\"" + node.url() + "\"}").post("/nodes/heartbeat");
    }
}
