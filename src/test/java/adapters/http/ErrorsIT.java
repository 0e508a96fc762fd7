package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.chat;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.node;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import testsupport.SimFleet;

@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class ErrorsIT {

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @AfterEach
    void nothingLeaks() {
        awaitNoneInFlight();
    }

    @Test
    void shouldAnswerNotFoundForAModelNoNodeHas() {
        chat("mistral:7b").then().statusCode(404).contentType(startsWith("application/json"))
                .body("error", containsString("model 'mistral:7b' not found"))
                .body("error", containsString("/api/pull"));
    }

    @Test
    void shouldAnswerBadRequestForMalformedJson() {
        given().body("{\"model\": \"llama3.2\", ").post("/api/chat").then().statusCode(400)
                .body("error", startsWith("invalid JSON"));
    }

    @Test
    void shouldAnswerBadRequestWithoutAModel() {
        given().body("{\"messages\":[]}").post("/api/chat").then().statusCode(400)
                .body("error", equalTo("model is required"));
        given().body("").post("/api/generate").then().statusCode(400).body("error", equalTo("missing request body"));
        given().body("{\"model\":42}").post("/api/generate").then().statusCode(400)
                .body("error", containsString("must be a string"));
    }

    @Test
    void shouldAnswerBadGatewayWhenTheNodeDropsTheConnection() {
        given().body("{\"model\":\"broken\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/api/chat")
                .then().statusCode(502).body("error", containsString("node 'odd' failed"));
    }

    @Test
    void shouldAnswerGatewayTimeoutWhenTheNodeSendsNothing() {
        // Given: proxy.first_byte_timeout is 1500ms in the tests
        node("node-a").faults().hang(true);

        // When / Then
        chat("qwen3:8b").then().statusCode(504).body("error", containsString("no first byte within 1500ms"));
    }

    @Test
    void shouldPassTheNodesOwnErrorsThrough() {
        // Given
        node("node-a").faults().failWith(500);

        // When / Then
        chat("qwen3:8b").then().statusCode(500).header("X-Drover-Endpoint", "node-a")
                .body("error", equalTo("simulated failure on node node-a"));
    }

    @Test
    void shouldRefuseABodyLargerThanTheLimitBeforeReadingIt() throws Exception {
        // When: announce 200 MB (the default limit is 100 MB) and send none of it
        String reply;
        try (Socket socket = new Socket("127.0.0.1", root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Length: 200000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            reply = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        }

        // Then
        assertThat(reply).isEqualTo("HTTP/1.1 413");
    }
}
