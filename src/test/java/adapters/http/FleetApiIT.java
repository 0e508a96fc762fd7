package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static testsupport.Gateway.chat;
import static testsupport.Gateway.healthyFleet;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import testsupport.SimFleet;

@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class FleetApiIT {

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @Test
    void shouldAnswerLikeOllamaAtTheRoot() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/plain"))
                .body(equalTo("Ollama is running"));
    }

    @Test
    void shouldListEveryModelOfTheFleetOnce() {
        // When
        List<String> names = given().get("/api/tags").then().statusCode(200).contentType(startsWith("application/json"))
                .extract().path("models.name");

        // Then
        assertThat(names).containsExactlyInAnyOrder("llama3.2:latest", "qwen3:8b", "all-minilm:latest", "phi3:mini",
                "broken:latest", "tinyllama:latest");
    }

    @Test
    void shouldListModelsLoadedOnEveryNode() {
        // Given
        chat("qwen3:8b").then().statusCode(200);
        chat("phi3:mini").then().statusCode(200);

        // When
        List<String> loaded = given().get("/api/ps").then().statusCode(200).extract().path("models.name");

        // Then
        assertThat(loaded).contains("qwen3:8b", "phi3:mini");
    }

    @Test
    void shouldReportTheOldestVersionInTheFleet() {
        given().get("/api/version").then().statusCode(200).body("version", equalTo("0.11.4"));
    }

    @Test
    void shouldAnswerUnknownPathsAndWrongMethodsAsOllamaDoes() {
        given().get("/api/nothing").then().statusCode(404).body(equalTo("404 page not found"));
        given().get("/api/chat").then().statusCode(405).body(equalTo("405 method not allowed"));
    }

    @Test
    void shouldDescribeEachEndpointOnTheStatusPage() {
        given().get("/internal/status").then().statusCode(200)
                .body("endpoints.name", org.hamcrest.Matchers.contains("node-a", "node-b", "node-c", "odd", "vllm",
                        "vllm-wrong-token", "llamacpp", "node-d"))
                .body("endpoints[2].models", org.hamcrest.Matchers.hasItems("llama3.2:latest", "phi3:mini"))
                .body("endpoints[0].status", equalTo("up"))
                .body("endpoints[0].type", equalTo("ollama"))
                .body("endpoints[0].last_check", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldBeReadyWhileSomeEndpointIsRoutable() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}
