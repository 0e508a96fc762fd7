package adapters.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;

/**
 * The packaged gateway (the jar a user runs) with the shipped example config.yaml, in front of the three simulated
 * nodes it names: the everyday requests of an Ollama client. With {@code -Dquarkus.package.jar.aot.enabled=true} on JDK 25 this run is also the AOT cache's training
 * workload, so it exercises every hot path: plain and streamed chat, generate, embeddings, the fleet views, errors.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = GatewayPackagedIT.ExampleNodes.class, restrictToAnnotatedClass = true)
class GatewayPackagedIT {

    @BeforeEach
    void waitForFleet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200 || !modelsKnown()) {
            assertThat(System.nanoTime()).as("fleet ready within 20 s").isLessThan(deadline);
            sleep(50);
        }
    }

    @Test
    void shouldAnswerChatFromTheNodeThatHasTheModel() {
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"model\":\"qwen3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}")
                    .post("/api/chat")
                    .then().statusCode(200)
                    .header("X-Drover-Endpoint", "gpu-a")
                    .body("done", equalTo(true));
        }
    }

    @Test
    void shouldStreamGenerateLineByLine() {
        for (int i = 0; i < 20; i++) {
            String body = given().contentType(ContentType.JSON)
                    .body("{\"model\":\"llama3.2\",\"prompt\":\"hi\"}")
                    .post("/api/generate")
                    .then().statusCode(200)
                    .header("Content-Type", "application/x-ndjson")
                    .extract().asString();
            List<String> lines = body.lines().toList();
            assertThat(lines).hasSize(7);
            assertThat(lines.get(6)).contains("\"done\":true");
        }
    }

    @Test
    void shouldEmbedOnTheNodeWithTheEmbeddingModel() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"]}")
                .post("/api/embed")
                .then().statusCode(200)
                .header("X-Drover-Endpoint", "gpu-b")
                .body("embeddings.size()", equalTo(2));
    }

    @Test
    void shouldListTheFleetsModelsOnce() {
        given().get("/api/tags").then().statusCode(200)
                .body("models.name", hasItems("llama3.2:latest", "qwen3:8b", "all-minilm:latest"));
        given().get("/api/ps").then().statusCode(200);
        given().get("/api/version").then().statusCode(200);
        given().get("/internal/status").then().statusCode(200).body("endpoints.name",
                hasItems("gpu-a", "gpu-b", "laptop"));
    }

    @Test
    void shouldRefuseAnUnknownModelAndBadJsonInOllamasWords() {
        given().contentType(ContentType.JSON).body("{\"model\":\"nope\",\"prompt\":\"hi\"}")
                .post("/api/generate")
                .then().statusCode(404).body("error", startsWith("model 'nope:latest' not found"));
        given().contentType(ContentType.JSON).body("{\"model\":").post("/api/chat")
                .then().statusCode(400);
    }

    private static boolean modelsKnown() {
        List<String> names = given().get("/api/tags").then().extract().path("models.name");
        return names != null && names.contains("qwen3:8b") && names.contains("all-minilm:latest");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The three nodes the shipped config.yaml names (ports 11501-11503, as its header comment starts them). The
     * launched jar runs in the project directory, so it reads that file exactly as a user's {@code ./drover serve}.
     */
    public static final class ExampleNodes implements QuarkusTestResourceLifecycleManager {

        private Vertx vertx;
        private final List<SimulatedOllama> nodes = new ArrayList<>();

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            node("gpu-a", 11501, "llama3.2", "qwen3:8b");
            node("gpu-b", 11502, "llama3.2", "all-minilm");
            node("laptop", 11503, "llama3.2", "phi3:mini");
            return Map.of();
        }

        private void node(String name, int port, String... models) {
            try {
                nodes.add(SimulatedOllama.start(vertx, SimSettings.named(name).withPort(port)
                        .withModels(List.of(models)).withTokens(6, Duration.ofMillis(2))));
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot start simulated node " + name + " on port " + port
                        + " (the port config.yaml names); is something else listening there?", e);
            }
        }

        @Override
        public void stop() {
            nodes.forEach(SimulatedOllama::close);
            if (vertx != null) {
                vertx.close();
            }
        }
    }
}
