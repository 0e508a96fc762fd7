package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static testsupport.Gateway.await;
import static testsupport.Gateway.chat;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.servedBy;
import static testsupport.Gateway.times;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;
import testsupport.Gateway;
import testsupport.SimFleet;

/** The fleet changed over the admin API while requests flow: routing follows each change at once. */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class AdminFleetIT {

    private static Vertx vertx;
    private static SimulatedOllama extra;

    @BeforeAll
    static void extraNode() {
        vertx = Vertx.vertx();
        extra = SimulatedOllama.start(vertx, SimSettings.named("node-e").withModels(List.of("mistral:7b"))
                .withTokens(4, Duration.ofMillis(5)));
    }

    @AfterAll
    static void stopExtraNode() {
        extra.close();
        vertx.close();
    }

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @AfterEach
    void putTheFleetBack() {
        given().post("/admin/endpoints/node-c/undrain");
        given().delete("/admin/endpoints/node-e");
    }

    @Test
    void shouldRouteToANodeAddedAtRunTimeAndStopWhenItIsRemoved() {
        // Given: nobody has mistral
        chat("mistral:7b").then().statusCode(404);

        // When
        given().contentType(ContentType.JSON).body("{\"name\":\"node-e\",\"url\":\"" + extra.url() + "\","
                + "\"max_concurrency\":3,\"weight\":2,\"num_parallel\":4}").post("/admin/endpoints")
                .then().statusCode(201).body("name", equalTo("node-e")).body("origin", equalTo("admin"))
                .body("max_concurrency", equalTo(3)).body("weight", equalTo(2)).body("num_parallel", equalTo(4));
        await("node-e routable", () -> routable("node-e"));

        // Then
        assertThat(times(3, "mistral:7b")).containsOnly("node-e");
        given().get("/admin/endpoints").then().statusCode(200).body("endpoints.name", hasItem("node-e"));

        // When
        given().delete("/admin/endpoints/node-e").then().statusCode(200).body("removed", equalTo("node-e"));

        // Then
        chat("mistral:7b").then().statusCode(404);
        given().get("/internal/status").then().body("endpoints.name", not(hasItem("node-e")));
    }

    @Test
    void shouldLetAStreamOnADrainedNodeFinishWhileNewRequestsGoElsewhere() throws Exception {
        // Given: a streamed answer under way on node-c (10 tokens, 40 ms apart)
        CompletableFuture<Response> stream = CompletableFuture.supplyAsync(() -> given()
                .contentType(ContentType.JSON).body("{\"model\":\"phi3:mini\",\"prompt\":\"hi\"}")
                .post("/api/generate"));
        await("the stream is under way on node-c", () -> inFlight("node-c") == 1);

        // When
        given().post("/admin/endpoints/node-c/drain").then().statusCode(200)
                .body("drained", equalTo(true)).body("routable", equalTo(false)).body("in_flight", equalTo(1));

        // Then: the stream runs to its end, new requests for its models go to the other nodes or get 503
        Response finished = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.asString().lines().reduce((a, b) -> b).orElseThrow()).contains("\"done\":true");
        assertThat(times(6, "llama3.2")).doesNotContain("node-c");
        chat("phi3:mini").then().statusCode(503).header("Retry-After", equalTo("1"))
                .body("error", containsString("node-c (drained)"));
        given().get("/internal/status").then().body("endpoints.find { it.name == 'node-c' }.drained", equalTo(true));

        // When
        given().post("/admin/endpoints/node-c/undrain").then().statusCode(200).body("drained", equalTo(false));

        // Then
        assertThat(servedBy("phi3:mini")).isEqualTo("node-c");
    }

    @Test
    void shouldFindAModelPulledOnANodeAtOnceWhenAskedToRefresh() {
        // Given
        given().contentType(ContentType.JSON).body("{\"name\":\"node-e\",\"url\":\"" + extra.url() + "\"}")
                .post("/admin/endpoints").then().statusCode(201);
        await("node-e lists its models", () -> Gateway.models("node-e").contains("mistral:7b"));
        given().contentType(ContentType.JSON).body("{\"model\":\"gemma3:1b\",\"stream\":false}")
                .post(extra.url() + "/api/pull").then().statusCode(200);

        // When
        Response refreshed = given().post("/admin/models/refresh");

        // Then: the answer already lists it, without waiting for the refresh interval
        refreshed.then().statusCode(200);
        List<String> models = refreshed.path("endpoints.find { it.name == 'node-e' }.models");
        assertThat(models).contains("gemma3:1b", "mistral:7b");
        assertThat(servedBy("gemma3:1b")).isEqualTo("node-e");
    }

    @Test
    void shouldRefuseChangesItCannotMakeAndLeaveTheFleetAsItWas() {
        // When / Then
        post("{\"name\":\"node-a\",\"url\":\"http://127.0.0.1:1\"}").then().statusCode(409)
                .body("error", containsString("already has a node named 'node-a'"));
        post("{\"name\":\"x\",\"url\":\"ftp://h\"}").then().statusCode(400).body("error", containsString("url"));
        post("{\"name\":\"x y\",\"url\":\"http://h:1\"}").then().statusCode(400).body("error", containsString("name"));
        post("{\"name\":\"x\",\"url\":\"http://h:1\",\"auth\":{\"token\":\"t\"}}").then().statusCode(400)
                .body("error", containsString("config.yaml"));
        post("{\"name\":\"x\",\"url\":\"http://h:1\",\"check_interval\":\"soon\"}").then().statusCode(400)
                .body("error", containsString("check_interval"));
        post("{\"name\":\"x\",\"url\":\"http://h:1\",\"weight\":0}").then().statusCode(400)
                .body("error", containsString("weight must be a whole number from 1 to 1000"));
        post("{\"name\":\"x\",\"url\":\"http://h:1\",\"num_parallel\":\"many\"}").then().statusCode(400)
                .body("error", containsString("num_parallel"));
        post("{\"name\":").then().statusCode(400);
        given().delete("/admin/endpoints/node-a").then().statusCode(409)
                .body("error", containsString("config.yaml"));
        given().delete("/admin/endpoints/nobody").then().statusCode(404);
        given().post("/admin/endpoints/nobody/drain").then().statusCode(404);

        // Then
        assertThat(Gateway.routable()).isEqualTo(Gateway.ROUTABLE);
        given().get("/admin/endpoints").then().body("endpoints.name", not(hasItem("x")));
    }

    @Test
    void shouldSayTheRequestLogIsOffInsteadOfAnsweringAnEmptyList() {
        // Given: the defaults, where the request log is off; a request that a log would have kept
        chat("llama3.2");

        // When / Then: an operator asking for it learns why there is nothing, and how to turn it on
        for (String path : List.of("/admin/requests", "/admin/usage")) {
            given().get(path).then().statusCode(404).body("error", containsString(
                    "database.request_log.enabled: true"));
        }
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/admin/endpoints");
    }

    private static boolean routable(String name) {
        return Boolean.TRUE.equals(Gateway.nodeView(name).get("routable"));
    }

    private static int inFlight(String name) {
        Object count = Gateway.nodeView(name).get("in_flight");
        return count == null ? 0 : (Integer) count;
    }

}
