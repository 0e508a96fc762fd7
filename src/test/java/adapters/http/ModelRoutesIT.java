package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static testsupport.Gateway.await;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.chat;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.node;
import static testsupport.Gateway.nodeView;
import static testsupport.Gateway.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import testsupport.SimFleet;

/** Aliases, fallbacks and node restrictions from {@code models:}, and sessions across a node going down. */
@QuarkusTest
@TestProfile(RoutedGateway.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class ModelRoutesIT {

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @AfterEach
    void revive() {
        healthyFleet();
        awaitNoneInFlight();
    }

    @Test
    void shouldListAliasesUnderTheirOwnNamesInBothApis() {
        given().get("/api/tags").then().statusCode(200)
                .body("models.name", hasItems("chat:latest", "gpt-4o:latest", "qwen3:8b", "llama3.2:latest"))
                .body("models.find { it.name == 'gpt-4o:latest' }.model", equalTo("gpt-4o:latest"))
                .body("models.find { it.name == 'gpt-4o:latest' }.digest", equalTo(given().get("/api/tags")
                        .then().extract().path("models.find { it.name == 'llama3.2:latest' }.digest")));
        given().get("/v1/models").then().statusCode(200).body("data.id", hasItems("chat", "gpt-4o", "tiny"));
        given().get("/v1/models/gpt-4o").then().statusCode(200).body("id", equalTo("gpt-4o"));
    }

    @Test
    void shouldAnswerAnAliasUnderTheNameTheClientSentInBothApis() {
        // When
        Response nativeStream = given().contentType(ContentType.JSON)
                .body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/api/chat");
        Response openAi = given().contentType(ContentType.JSON)
                .body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions");
        Response openAiStream = given().contentType(ContentType.JSON)
                .body("{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions");

        // Then
        List<String> lines = nativeStream.asString().lines().toList();
        assertThat(lines).hasSizeGreaterThan(2).allSatisfy(line -> assertThat(line).contains("\"model\":\"gpt-4o\""));
        assertThat(nativeStream.header("X-Drover-Fallback")).isNull();
        openAi.then().statusCode(200).body("model", equalTo("gpt-4o"));
        assertThat(openAiStream.asString()).contains("\"model\":\"gpt-4o\"").doesNotContain("llama3.2");
    }

    @Test
    void shouldKeepAModelToTheNodesWithItsLabel() {
        // When: new sessions each time, so the balancer spreads them over every node it may use
        Set<String> servers = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            servers.add(given().contentType(ContentType.JSON).header("X-Drover-Session", UUID.randomUUID().toString())
                    .body("{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .post("/api/chat").then().statusCode(200).extract().header("X-Drover-Endpoint"));
        }

        // Then: node-a lists llama3.2 but carries no gpu: a100
        assertThat(servers).containsExactlyInAnyOrder("node-b", "node-c");
    }

    @Test
    void shouldSayWhyAModelKeptToNodesThatDoNotHaveItCannotBeServed() {
        given().contentType(ContentType.JSON).body("{\"model\":\"all-minilm\",\"input\":\"x\"}").post("/api/embed")
                .then().statusCode(404).body("error", equalTo("model 'all-minilm:latest' is on node-b, but models: in"
                        + " config.yaml keeps it to other nodes, and none of them lists it"));
    }

    @Test
    void shouldFallBackWhenEveryNodeOfTheModelIsDown() {
        // Given: qwen3:8b is on node-a only
        node("node-a").stop();
        await("node-a marked down", () -> status("node-a").equals("down"));

        // When
        Response answer = chat("chat");

        // Then
        answer.then().statusCode(200).header("X-Drover-Fallback", "phi3:mini").header("X-Drover-Endpoint", "node-c")
                .body("model", equalTo("phi3:mini"));
        chat("qwen3:8b").then().statusCode(503);
    }

    @Test
    void shouldFallBackWhenEveryNodeOfTheModelFailsBeforeItsFirstByte() {
        // Given: node-a, qwen3:8b's only node, is up but answers 500
        node("node-a").faults().failWith(500);

        // When
        Response answer = chat("chat");

        // Then
        answer.then().statusCode(200).header("X-Drover-Fallback", "phi3:mini").header("X-Drover-Endpoint", "node-c")
                .header("X-Drover-Attempts", "2").header("X-Drover-Route", "retry");
    }

    @Test
    void shouldFallBackWhileTheModelsOnlyNodeHasItsBreakerOpen() {
        // Given: node-a answers 500 until its breaker opens
        node("node-a").faults().failWith(500);
        await("node-a's breaker open", () -> chat("qwen3:8b").statusCode() == 503);

        // When
        Response answer = chat("chat");

        // Then
        answer.then().statusCode(200).header("X-Drover-Fallback", "phi3:mini").header("X-Drover-Endpoint", "node-c");
    }

    @Test
    void shouldFallBackWhenEveryNodeOfTheModelIsFullRatherThanWait() throws Exception {
        // Given: node-d (tinyllama, two at a time) busy with two streamed answers
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> busy = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            busy.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/chat"))
                    .header("X-Drover-Session", "filler-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"tinyllama\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        await("node-d full", () -> ((Number) nodeView("node-d").get("in_flight")).intValue() == 2);

        // When
        Response answer = chat("tiny");

        // Then
        answer.then().statusCode(200).header("X-Drover-Fallback", "phi3:mini").header("X-Drover-Endpoint",
                not(equalTo("node-d")));
        for (CompletableFuture<HttpResponse<String>> filler : busy) {
            assertThat(filler.get().statusCode()).isEqualTo(200);
        }
        chat("tiny").then().statusCode(200).header("X-Drover-Endpoint", "node-d");
    }

    @Test
    void shouldKeepASessionOnItsNodeMoveItWhenTheNodeGoesDownAndKeepItThereWhenTheNodeComesBack() {
        // Given: a conversation of three turns on one of the two nodes that may serve gpt-4o
        List<String> turns = new ArrayList<>();
        List<String> affinity = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Response turn = turn(i);
            turns.add(turn.header("X-Drover-Endpoint"));
            affinity.add(turn.header("X-Drover-Affinity"));
        }
        String home = turns.get(0);
        String other = home.equals("node-b") ? "node-c" : "node-b";

        // When: its node goes down, then comes back
        node(home).stop();
        await(home + " marked down", () -> status(home).equals("down"));
        Response whileDown = turn(3);
        node(home).restart();
        await(home + " marked up", () -> status(home).equals("up"));
        Response afterReturn = turn(4);

        // Then
        assertThat(turns).containsOnly(home);
        assertThat(affinity).containsExactly("miss", "hit", "hit");
        whileDown.then().statusCode(200).header("X-Drover-Endpoint", other).header("X-Drover-Affinity", "moved");
        afterReturn.then().statusCode(200).header("X-Drover-Endpoint", other).header("X-Drover-Affinity", "hit");
        given().get("/internal/status").then().body("affinity.enabled", equalTo(true))
                .body("models.find { it.name == 'gpt-4o' }.model", equalTo("llama3.2"));
        given().get("/q/metrics").then().body(containsString("drover_affinity_total{result=\"moved\"}"));
    }

    /** Turn {@code i} of one conversation: the whole history, as chat clients send it; no session header. */
    private static Response turn(int i) {
        StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"Tell me about rivers.\"}");
        for (int t = 1; t <= i; t++) {
            messages.append(",{\"role\":\"assistant\",\"content\":\"Answer ").append(t).append("\"},")
                    .append("{\"role\":\"user\",\"content\":\"More ").append(t).append("\"}");
        }
        return given().contentType(ContentType.JSON)
                .body("{\"model\":\"gpt-4o\",\"stream\":false,\"messages\":[" + messages + "]}").post("/api/chat");
    }
}
