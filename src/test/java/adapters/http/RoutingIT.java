package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.node;
import static testsupport.Gateway.servedBy;
import static testsupport.Gateway.times;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import testsupport.SimFleet;

@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class RoutingIT {

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @Test
    void shouldSendAModelToTheOnlyNodeThatHasIt() {
        // Given
        long before = node("node-c").stats().inferenceRequests();

        // When
        List<String> servers = times(5, "phi3:mini");

        // Then
        assertThat(servers).containsOnly("node-c");
        assertThat(node("node-c").stats().inferenceRequests()).isEqualTo(before + 5);
    }

    @Test
    void shouldSpreadAModelOverEveryNodeThatHasIt() {
        // When: nine requests one after another, each sent once the one before has let its node go (a sized answer
        // reaches the client with its last bytes, a moment before the gateway sees the node's end and releases it:
        // the next request may otherwise find that node still busy, and the nodes no longer tied)
        List<String> servers = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            servers.add(servedBy("llama3.2"));
            awaitNoneInFlight();
        }
        Map<String, Long> perNode = servers.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        // Then
        assertThat(perNode).containsOnlyKeys("node-a", "node-b", "node-c");
        assertThat(perNode.values()).containsOnly(3L);
    }

    @Test
    void shouldTreatModelNamesAsOllamaDoes() {
        // When
        List<String> servers = List.of(servedBy("PHI3:MINI"), servedBy("library/phi3:mini"));

        // Then
        assertThat(servers).containsOnly("node-c");
    }

    @Test
    void shouldTagProxiedAnswersWithRequestIdEndpointAndModel() {
        given().header("X-Request-Id", "trace-42").contentType(ContentType.JSON)
                .body("{\"model\":\"qwen3:8b\",\"prompt\":\"hi\",\"stream\":false}").post("/api/generate")
                .then().statusCode(200)
                .header("X-Drover-Request-Id", "trace-42")
                .header("X-Drover-Endpoint", "node-a")
                .header("X-Drover-Model", "qwen3:8b")
                .body("response", containsString("node-a"));
    }

    @Test
    void shouldSendModelManagementToTheNamedNodeAndRouteToWhatItPulled() {
        // Given
        given().header("X-Drover-Endpoint", "node-b").body("{\"model\":\"gemma3\"}").post("/api/pull")
                .then().statusCode(200).header("X-Drover-Endpoint", "node-b").body(containsString("success"));

        // When
        String server = servedBy("gemma3");

        // Then
        assertThat(server).isEqualTo("node-b");
        given().header("X-Drover-Endpoint", "node-b").body("{\"model\":\"gemma3\"}").delete("/api/delete")
                .then().statusCode(200);
    }

    @Test
    void shouldExplainHowToTargetANodeForModelManagement() {
        given().body("{\"model\":\"gemma3\"}").post("/api/pull").then().statusCode(400)
                .body("error", containsString("X-Drover-Endpoint"))
                .body("error", containsString("node-a"));
        given().header("X-Drover-Endpoint", "ghost").body("{\"model\":\"gemma3\"}").post("/api/pull").then()
                .statusCode(404).body("error", containsString("no node named 'ghost'"));
    }

    @Test
    void shouldServeEmbeddingsFromTheNodeThatHasTheModel() {
        given().body("{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"]}").post("/api/embed").then().statusCode(200)
                .header("X-Drover-Endpoint", "node-b").body("embeddings.size()", equalTo(2));
    }

    @Test
    void shouldRewriteTheHostHeaderForTheNode() {
        // When
        given().body("{\"model\":\"broken\",\"messages\":[]}").post("/api/chat");

        // Then
        SimFleet.odd.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/chat"))
                .withHeader("Host", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "127.0.0.1:" + SimFleet.odd.port())));
    }

    @Test
    void shouldHandTheClientsTraceContextToTheNodeUntouchedWhenTracingIsOff() {
        // Given: tracing is off (the default); the client's request is part of a trace
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        // When
        given().header("traceparent", traceparent).header("tracestate", "vendor=1")
                .body("{\"model\":\"broken\",\"messages\":[]}").post("/api/chat");

        // Then: the node continues the client's trace
        SimFleet.odd.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/chat"))
                .withHeader("traceparent", com.github.tomakehurst.wiremock.client.WireMock.equalTo(traceparent))
                .withHeader("tracestate", com.github.tomakehurst.wiremock.client.WireMock.equalTo("vendor=1")));
    }
}
