package adapters.http;

import static adapters.http.Gateway.await;
import static adapters.http.Gateway.chat;
import static adapters.http.Gateway.healthyFleet;
import static adapters.http.Gateway.node;
import static adapters.http.Gateway.status;
import static adapters.http.Gateway.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

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
