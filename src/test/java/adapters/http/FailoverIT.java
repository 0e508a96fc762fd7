package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static testsupport.Gateway.await;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.chat;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.node;
import static testsupport.Gateway.status;
import static testsupport.Gateway.times;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import testsupport.Gateway;
import testsupport.SimFleet;

@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class FailoverIT {

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @AfterEach
    void revive() {
        healthyFleet();
    }

    @Test
    void shouldRouteAroundADeadNodeAndBackOnceItRecovers() {
        // Given
        node("node-b").stop();
        await("node-b marked down", () -> status("node-b").equals("down"));

        // When
        List<String> whileDown = times(6, "llama3.2");
        node("node-b").restart();
        await("node-b marked up", () -> status("node-b").equals("up"));
        List<String> afterRecovery = times(6, "llama3.2");

        // Then
        assertThat(whileDown).doesNotContain("node-b").contains("node-a", "node-c");
        assertThat(afterRecovery).contains("node-b");
    }

    @Test
    void shouldStopSendingToANodeThatCutsEveryStreamInTheMiddle() {
        // Given: node-a begins every answer, then drops the connection after three lines
        node("node-a").faults().cutAfter(3);

        // When: twenty streamed chats for a model all three llama3.2 nodes serve, one after another
        List<String> servers = new java.util.ArrayList<>();
        List<String> circuits = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            io.restassured.response.Response answer = io.restassured.RestAssured.given()
                    .contentType(io.restassured.http.ContentType.JSON)
                    .body("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .post("/api/chat");
            servers.add(answer.header("X-Drover-Endpoint"));
            circuits.add(io.restassured.RestAssured.given().get("/internal/status").then().extract()
                    .path("endpoints.find { it.name == 'node-a' }.circuit"));
        }

        // Then: its cut answers opened its breaker (a cut answer is never retried, but it counts), so it got only
        // its share until then and a trial now and again after the breaker's delay
        assertThat(circuits).contains("open");
        assertThat(servers.stream().filter("node-a"::equals).count()).isBetween(2L, 7L);
        awaitNoneInFlight();
    }

    @Test
    void shouldCostNoClientRequestWhenNodesFailBeforeTheirFirstByte() {
        // Given: of llama3.2's three nodes, one answers 500 and one refuses connections (not yet marked down)
        node("node-a").faults().failWith(500);
        node("node-b").stop();

        // When
        List<io.restassured.response.Response> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(chat("llama3.2"));
        }

        // Then
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.header("X-Drover-Endpoint")).isEqualTo("node-c");
        });
        assertThat(answers).anySatisfy(answer -> assertThat(answer.header("X-Drover-Attempts")).isNotEqualTo("1"));
        awaitNoneInFlight();
    }

    @Test
    void shouldTryAnotherNodeWhenOneHangsBeforeItsFirstByte() {
        // Given: node-c accepts requests and never answers (first_byte_timeout is 1.5 s here)
        node("node-c").faults().hang(true);

        // When: three requests in turn, so one of them is sent to node-c first
        List<io.restassured.response.Response> answers = List.of(chat("llama3.2"), chat("llama3.2"),
                chat("llama3.2"));

        // Then
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.header("X-Drover-Endpoint")).isNotEqualTo("node-c");
        });
        assertThat(answers).anySatisfy(answer -> assertThat(answer.header("X-Drover-Attempts")).isEqualTo("2"));
        awaitNoneInFlight();
    }

    @Test
    void shouldOpenANodesBreakerAfterRepeatedFiveHundredsAndCloseItOnceTheNodeRecovers() {
        // Given: qwen3:8b lives on node-a only, which now answers 500 (window 4, ratio 0.5, delay 600 ms here)
        node("node-a").faults().failWith(500);
        List<Integer> statuses = new java.util.ArrayList<>();
        long requestsBefore = 0;
        io.restassured.response.Response whileOpen = null;
        while (statuses.size() < 8 && (statuses.isEmpty() || statuses.get(statuses.size() - 1) == 500)) {
            requestsBefore = node("node-a").stats().inferenceRequests();
            whileOpen = chat("qwen3:8b");
            statuses.add(whileOpen.statusCode());
        }

        // Then: the node's 500s are passed on until the breaker opens (within one window of 4), then refused at
        // the gateway without reaching the node
        assertThat(statuses).hasSizeLessThanOrEqualTo(5).last().isEqualTo(503);
        assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(500);
        whileOpen.then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error", containsString("node-a (circuit breaker open)"));
        assertThat(node("node-a").stats().inferenceRequests()).isEqualTo(requestsBefore);
        io.restassured.RestAssured.given().get("/internal/status").then()
                .body("endpoints.find { it.name == 'node-a' }.circuit", org.hamcrest.Matchers.equalTo("open"));

        // When: the node recovers and the delay passes, a trial request closes the breaker
        node("node-a").faults().reset();
        await("node-a routable for a trial", () -> chat("qwen3:8b").statusCode() == 200);

        // Then: closed as the trial's answer ends (its last bytes may reach the client a moment before)
        await("node-a's breaker closed after the trial", () -> "closed".equals(Gateway.nodeView("node-a")
                .get("circuit")));
    }

    @Test
    void shouldSendNextToNothingToANodeThatSaysItIsBusy() throws InterruptedException {
        // Given: of llama3.2's three nodes, node-a answers every request 503, as Ollama does when its queue is full
        node("node-a").faults().failWith(503);
        long before = node("node-a").stats().inferenceRequests();

        // When: 50 chats over about 5 s
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            statuses.add(chat("llama3.2").statusCode());
            Thread.sleep(100);
        }

        // Then: every chat answered by another node; node-a saw under 5% of them (one now and again, once its 5 s
        // have passed), not a share kept up by answering fast (nor a breaker trial every 600 ms)
        assertThat(statuses).containsOnly(200);
        assertThat(node("node-a").stats().inferenceRequests() - before).isLessThanOrEqualTo(2);
        // When: chats go on until node-a is tried again (once its 5 s have passed) and answers 503 again
        long seen = node("node-a").stats().inferenceRequests();
        for (int i = 0; i < 100 && node("node-a").stats().inferenceRequests() == seen; i++) {
            chat("llama3.2");
            Thread.sleep(100);
        }

        // Then: the status page says until when it is passed over
        io.restassured.RestAssured.given().get("/internal/status").then()
                .body("endpoints.find { it.name == 'node-a' }.busy_until", org.hamcrest.Matchers.notNullValue())
                .body("endpoints.find { it.name == 'node-b' }.busy_until", org.hamcrest.Matchers.nullValue());
        awaitNoneInFlight();
    }

    @Test
    void shouldAnswerServiceUnavailableWhenEveryNodeWithTheModelIsDown() {
        // Given: qwen3:8b lives on node-a only
        node("node-a").stop();
        await("node-a marked down", () -> status("node-a").equals("down"));

        // When / Then
        chat("qwen3:8b").then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error", containsString("node-a (down)"));
    }

    @Test
    void shouldRecordWhyANodeIsDown() {
        // Given
        node("node-c").stop();

        // When
        await("node-c marked down", () -> status("node-c").equals("down"));

        // Then
        io.restassured.RestAssured.given().get("/internal/status").then()
                .body("endpoints.find { it.name == 'node-c' }.last_error", org.hamcrest.Matchers.notNullValue());
    }

}
