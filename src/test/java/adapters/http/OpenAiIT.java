package adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.node;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import testsupport.Gateway;
import testsupport.OpenAiNodes;
import testsupport.RawHttp;
import testsupport.SimFleet;

/** The OpenAI-compatible surface: Ollama nodes' /v1 layer and OpenAI-type nodes (vLLM, llama.cpp) in one fleet. */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class OpenAiIT {

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @Test
    void shouldAnswerAChatCompletionFromAnOllamaNodesV1Layer() {
        chat("qwen3:8b", false).then().statusCode(200)
                .header("X-Drover-Endpoint", "node-a")
                .header("X-Drover-Model", "qwen3:8b")
                .body("object", org.hamcrest.Matchers.equalTo("chat.completion"))
                .body("choices[0].message.role", org.hamcrest.Matchers.equalTo("assistant"));
    }

    @Test
    void shouldStreamSseFramesWithTheNodesPacingAndEndWithDone() throws Exception {
        // Given: node-c sends 10 tokens 40 ms apart
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"phi3:mini\",\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        long start = System.nanoTime();

        // When
        List<Long> arrivals = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> body = response.body()) {
            body.filter(line -> line.startsWith("data: ")).forEach(line -> {
                arrivals.add((System.nanoTime() - start) / 1_000_000);
                frames.add(line);
            });
        }

        // Then
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(frames.get(frames.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(frames.get(frames.size() - 2)).contains("\"usage\"").contains("\"choices\":[]");
        assertThat(frames).hasSizeGreaterThanOrEqualTo(12);
        assertThat(arrivals.get(9) - arrivals.get(0)).as("spread of the first ten frames, ms")
                .isGreaterThanOrEqualTo(250);
    }

    @Test
    void shouldServeLegacyCompletionsFromANodeWhoseTypeWasDetected() {
        given().get("/internal/status").then().statusCode(200)
                .body("endpoints.find { it.name == 'llamacpp' }.type", org.hamcrest.Matchers.equalTo("openai"))
                .body("endpoints.find { it.name == 'node-b' }.type", org.hamcrest.Matchers.equalTo("ollama"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer client-own-key")
                .body("{\"model\":\"qwen2.5-coder:7b\",\"prompt\":\"hello\"}")
                .post("/v1/completions").then().statusCode(200)
                .header("X-Drover-Endpoint", "llamacpp")
                .body("choices[0].text", org.hamcrest.Matchers.equalTo(" world"));
        // The client's Authorization is for Drover; a node without credentials gets none.
        assertThat(SimFleet.llamaCpp.findAll(postRequestedFor(urlEqualTo("/v1/completions"))))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    }

    @Test
    void shouldEmbedSeveralInputsAtOnce() {
        given().contentType(ContentType.JSON).body("{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\",\"c\"]}")
                .post("/v1/embeddings").then().statusCode(200)
                .header("X-Drover-Endpoint", "node-b")
                .body("object", org.hamcrest.Matchers.equalTo("list"))
                .body("data.size()", org.hamcrest.Matchers.equalTo(3))
                .body("data[2].index", org.hamcrest.Matchers.equalTo(2));
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"" + OpenAiNodes.VLLM_MODEL + "\",\"input\":[\"a\",\"b\"]}")
                .post("/v1/embeddings").then().statusCode(200)
                .header("X-Drover-Endpoint", "vllm")
                .body("data.size()", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void shouldListEveryModelOfTheMixedFleetOnce() {
        // When
        Response list = given().get("/v1/models");

        // Then
        list.then().statusCode(200).body("object", org.hamcrest.Matchers.equalTo("list"));
        List<String> ids = list.path("data.id");
        assertThat(ids).containsExactlyInAnyOrder("llama3.2:latest", "qwen3:8b", "all-minilm:latest", "phi3:mini",
                "broken:latest", "tinyllama:latest", OpenAiNodes.VLLM_MODEL, OpenAiNodes.LLAMACPP_MODEL);
        Map<String, Object> vllmEntry = list.path("data.find { it.id == '" + OpenAiNodes.VLLM_MODEL + "' }");
        assertThat(vllmEntry).containsEntry("owned_by", "vllm").containsEntry("max_model_len", 131072);
        Map<String, Object> ollamaEntry = list.path("data.find { it.id == 'qwen3:8b' }");
        assertThat(ollamaEntry).containsEntry("object", "model").containsEntry("owned_by", "library")
                .containsKey("created");
    }

    @Test
    void shouldRetrieveOneModelEvenWithASlashInItsId() {
        given().get("/v1/models/" + OpenAiNodes.VLLM_MODEL).then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(OpenAiNodes.VLLM_MODEL));
        given().get("/v1/models/qwen3:8b").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo("qwen3:8b"))
                .body("object", org.hamcrest.Matchers.equalTo("model"));
        given().get("/v1/models/nope").then().statusCode(404)
                .body("error.message", org.hamcrest.Matchers.equalTo("model 'nope:latest' not found"))
                .body("error.type", org.hamcrest.Matchers.equalTo("not_found_error"));
    }

    @Test
    void shouldRefuseAnUnknownModelInOpenAisErrorShape() {
        chat("gpt-4o", false).then().statusCode(404)
                .contentType(startsWith("application/json"))
                .body("error.message", startsWith("model 'gpt-4o:latest' not found on any node of the fleet"))
                .body("error.message", org.hamcrest.Matchers.containsString("GET /v1/models"))
                .body("error.type", org.hamcrest.Matchers.equalTo("not_found_error"))
                .body("error.param", nullValue())
                .body("error.code", nullValue());
    }

    @Test
    void shouldRefuseMalformedJsonAndUnknownPathsInOpenAisErrorShape() {
        given().contentType(ContentType.JSON).body("{\"model\":").post("/v1/chat/completions").then()
                .statusCode(400).body("error.type", org.hamcrest.Matchers.equalTo("invalid_request_error"));
        given().get("/v1/nothing").then().statusCode(404)
                .body("error.message", org.hamcrest.Matchers.equalTo("unknown request URL: GET /v1/nothing"));
        given().get("/v1/chat/completions").then().statusCode(405)
                .body("error.type", org.hamcrest.Matchers.equalTo("api_error"));
    }

    @Test
    void shouldRouteAModelThatOnlyAnOpenAiNodeHasThereWithItsTokenAndNotTheClients() {
        // When
        given().contentType(ContentType.JSON).header("Authorization", "Bearer client-own-key")
                .body("{\"model\":\"" + OpenAiNodes.VLLM_MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200)
                .header("X-Drover-Endpoint", "vllm")
                .body("choices[0].message.content", org.hamcrest.Matchers.equalTo("Hello from vLLM"));

        // Then: the node saw Drover's token in place of the client's header
        SimFleet.vllm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + OpenAiNodes.VLLM_TOKEN)));
        assertThat(SimFleet.vllm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                .allSatisfy(r -> assertThat(r.getHeaders().getHeader("Authorization").values())
                        .containsExactly("Bearer " + OpenAiNodes.VLLM_TOKEN));
    }

    @Test
    void shouldPointNativeCallersOfAnOpenAiOnlyModelToV1() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"" + OpenAiNodes.VLLM_MODEL + "\",\"messages\":[],\"stream\":false}")
                .post("/api/chat").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.containsString("only on OpenAI-compatible nodes (vllm)"))
                .body("error", org.hamcrest.Matchers.containsString("/v1/chat/completions"));
        List<String> tags = given().get("/api/tags").then().statusCode(200).extract().path("models.name");
        assertThat(tags).doesNotContain(OpenAiNodes.VLLM_MODEL, OpenAiNodes.LLAMACPP_MODEL);
    }

    @Test
    void shouldStreamFromAnOpenAiNodeFrameByFrame() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + OpenAiNodes.VLLM_MODEL + "\","
                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        List<String> frames = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()
                .filter(line -> line.startsWith("data: ")).toList();
        assertThat(frames).hasSize(5);
        assertThat(frames.get(0)).contains("\"content\":\"Hel\"");
        assertThat(frames.get(4)).isEqualTo("data: [DONE]");
        awaitNoneInFlight();
    }

    @Test
    void shouldKeepANodeThatRejectsItsTokenDownWithoutShowingAnyToken() {
        Response status = given().get("/internal/status");
        status.then().statusCode(200)
                .body("endpoints.find { it.name == 'vllm-wrong-token' }.status", org.hamcrest.Matchers.equalTo("down"))
                .body("endpoints.find { it.name == 'vllm-wrong-token' }.last_error",
                        org.hamcrest.Matchers.containsString("401"))
                .body("endpoints.find { it.name == 'vllm' }.models", hasItem(
                        "meta-llama/llama-3.1-8b-instruct:latest"));
        assertThat(status.asString()).doesNotContain(OpenAiNodes.VLLM_TOKEN).doesNotContain("not-the-token");
    }

    @Test
    void shouldStopTheNodeWhenAnSseClientLeaves() throws Exception {
        // Given
        long before = node("node-c").stats().disconnects();

        // When: read two frames of a streamed completion, then hang up
        new RawHttp("127.0.0.1", root.getPort()).hangUpAfter("/v1/chat/completions", "{\"model\":\"phi3:mini\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "data: ", 2);

        // Then
        Gateway.await("node-c sees its client leave", () -> node("node-c").stats().disconnects() == before + 1);
        awaitNoneInFlight();
    }

    @Test
    void shouldEndACutSseStreamWithAnErrorFrame() throws Exception {
        // Given
        node("node-c").faults().cutAfter(3);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"phi3:mini\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();

        // When
        List<String> frames = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()
                .filter(line -> line.startsWith("data: ")).toList();

        // Then
        assertThat(frames.get(frames.size() - 1)).startsWith("data: {\"error\":{\"message\":\"the node failed")
                .contains("\"type\":\"api_error\"");
        assertThat(frames).doesNotContain("data: [DONE]");
        awaitNoneInFlight();
    }

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return "http://127.0.0.1:" + root.getPort();
    }

    private static Response chat(String model, boolean stream) {
        return given().contentType(ContentType.JSON)
                .body("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions");
    }
}
