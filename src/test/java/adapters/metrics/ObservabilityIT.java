package adapters.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import testsupport.Gateway;
import testsupport.Scrape;
import testsupport.SimFleet;

@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class ObservabilityIT {

    private final List<String> access = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            access.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Gateway.healthyFleet();
        Logger.getLogger("drover.access").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("drover.access").removeHandler(capture);
    }

    @Test
    void shouldCountRequestsLatencyAndTheTokensReadFromAStreamedAnswer() {
        // Given: phi3:mini is served by node-c alone, whose simulator answers 10 tokens a request
        String[] labels = {"route", "/api/chat", "model", "phi3:mini", "endpoint", "node-c"};
        double requests = Scrape.value("drover_requests_total", "route", "/api/chat", "model", "phi3:mini",
                "endpoint", "node-c", "status", "200");
        double completion = Scrape.value("drover_completion_tokens_total", labels);
        double prompt = Scrape.value("drover_prompt_tokens_total", labels);
        double timed = Scrape.value("drover_request_duration_seconds_count", labels);
        double firstBytes = Scrape.value("drover_time_to_first_byte_seconds_count", labels);

        // When: three streamed chats
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{\"model\":\"phi3:mini\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"count to ten\"}]}").post("/api/chat").then().statusCode(200);
        }

        // Then
        Gateway.await("metrics updated", () -> Scrape.value("drover_requests_total", "route", "/api/chat", "model",
                "phi3:mini", "endpoint", "node-c", "status", "200") == requests + 3);
        assertThat(Scrape.value("drover_completion_tokens_total", labels)).isEqualTo(completion + 30);
        assertThat(Scrape.value("drover_prompt_tokens_total", labels)).isGreaterThan(prompt);
        assertThat(Scrape.value("drover_request_duration_seconds_count", labels)).isEqualTo(timed + 3);
        assertThat(Scrape.value("drover_time_to_first_byte_seconds_count", labels)).isEqualTo(firstBytes + 3);
        assertThat(Scrape.value("drover_tokens_per_second_count", "model", "phi3:mini", "endpoint", "node-c"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldShowNodesQueueAndErrorsWithBoundedLabels() {
        // When: a model no node lists
        given().contentType(ContentType.JSON).body("{\"model\":\"no-such-model-" + System.nanoTime()
                + "\",\"messages\":[]}").post("/api/chat").then().statusCode(404);

        // Then: the unknown name is not a label; the request is counted under model "none"
        String page = given().get("/q/metrics").then().extract().asString();
        assertThat(page).doesNotContain("no-such-model");
        assertThat(Scrape.value("drover_requests_total", "route", "/api/chat", "model", "none", "status", "404"))
                .isGreaterThanOrEqualTo(1);
        assertThat(Scrape.value("drover_endpoint_up", "endpoint", "node-a")).isEqualTo(1);
        assertThat(Scrape.value("drover_endpoint_up", "endpoint", "vllm-wrong-token")).isEqualTo(0);
        // the breaker's state as the status page shows it (a test before may have left it half-open)
        String circuit = (String) Gateway.nodeView("node-a").get("circuit");
        assertThat(Scrape.value("drover_circuit_state", "endpoint", "node-a"))
                .isEqualTo(List.of("closed", "half_open", "open").indexOf(circuit));
        assertThat(page).contains("drover_queue_depth ").contains("drover_in_flight{endpoint=\"node-a\"}")
                .contains("drover_request_log_dropped_total");
    }

    @Test
    void shouldWriteOneAccessLineWithoutThePrompt() {
        // When
        given().contentType(ContentType.JSON).header("X-Request-Id", "access-line-1")
                .body("{\"model\":\"phi3:mini\",\"stream\":false,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"my very private prompt\"}]}")
                .post("/api/chat").then().statusCode(200);

        // Then
        Gateway.await("access line", () -> access.stream().anyMatch(l -> l.contains("id=access-line-1")));
        String line = access.stream().filter(l -> l.contains("id=access-line-1")).findFirst().orElseThrow();
        assertThat(line).contains("key=- route=/api/chat model=phi3:mini endpoint=node-c status=200")
                .contains("completion_tokens=10").contains("attempts=1").containsPattern("latency_ms=\\d+")
                .containsPattern("ttfb_ms=\\d+").doesNotContain("private").doesNotContain("prompt\"");
    }

    @Test
    void shouldNameTheNodeThatFailedInTheAccessLineAndTheMetrics() {
        // Given: "broken" is on odd alone, which resets the connection of every chat
        double failed = Scrape.value("drover_requests_total", "route", "/api/chat", "model", "broken:latest",
                "endpoint", "odd", "status", "502");
        List<String> transportErrors = new CopyOnWriteArrayList<>();
        Handler vertxLog = new Handler() {
            @Override
            public void publish(LogRecord record) {
                transportErrors.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger connections = Logger.getLogger("io.vertx.core.net.impl.ConnectionBase");
        connections.addHandler(vertxLog);

        // When
        given().contentType(ContentType.JSON).header("X-Request-Id", "access-line-502")
                .body("{\"model\":\"broken\",\"stream\":false,\"messages\":[]}")
                .post("/api/chat").then().statusCode(502)
                .body("error", org.hamcrest.Matchers.startsWith("node 'odd' failed: the node reset the connection;"));

        // Then: an operator sees which node failed the request, in the log and in the node's error count
        Gateway.await("access line", () -> access.stream().anyMatch(l -> l.contains("id=access-line-502")));
        String line = access.stream().filter(l -> l.contains("id=access-line-502")).findFirst().orElseThrow();
        assertThat(line).contains("route=/api/chat model=broken:latest endpoint=odd status=502").contains("attempts=1");
        assertThat(Scrape.value("drover_requests_total", "route", "/api/chat", "model", "broken:latest", "endpoint",
                "odd", "status", "502")).isEqualTo(failed + 1);
        // and no second, context-free ERROR line from the HTTP client for the same reset
        connections.removeHandler(vertxLog);
        assertThat(transportErrors).isEmpty();
    }
}
