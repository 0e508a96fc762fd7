package adapters.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;

import testsupport.Gateway;

/** The request log as an operator reads it through the admin API; run against each database Drover supports. */
abstract class RequestLogContract {

    @TestHTTPResource("/")
    URL root;

    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void fleet() {
        Gateway.healthyFleet();
    }

    @Test
    void shouldLogSuccessErrorAndAbortWithoutContent() throws Exception {
        // When: one answered chat, one for a model nobody serves, one whose client leaves mid-stream
        given().contentType(ContentType.JSON).header("X-Request-Id", run + "-ok").body("{\"model\":\"phi3:mini\","
                + "\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}").post("/api/chat")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).header("X-Request-Id", run + "-missing")
                .body("{\"model\":\"nobody-serves-this\",\"messages\":[]}").post("/api/chat").then().statusCode(404);
        leaveMidStream(run + "-gone");

        // Then
        Map<String, Object> ok = logged(run + "-ok");
        assertThat(ok).containsEntry("route", "/api/chat").containsEntry("model", "phi3:mini")
                .containsEntry("endpoint", "node-c").containsEntry("status", 200).containsEntry("attempts", 1)
                .containsEntry("completion_tokens", 10);
        assertThat((Integer) ok.get("prompt_tokens")).isPositive();
        assertThat(ok.toString()).doesNotContain("hello");
        assertThat(logged(run + "-missing")).containsEntry("status", 404).containsEntry("endpoint", null)
                .containsEntry("model", null);
        assertThat(logged(run + "-gone")).containsEntry("status", 499).containsEntry("endpoint", "node-c");
    }

    @Test
    void shouldFilterRecentRequestsAndSumUsage() {
        // Given
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("X-Request-Id", run + "-tiny-" + i)
                    .body("{\"model\":\"tinyllama\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .post("/api/chat").then()
                    .statusCode(200);
        }
        logged(run + "-tiny-2");

        // When
        List<Map<String, Object>> recent = given().queryParam("model", "tinyllama").queryParam("endpoint", "node-d")
                .queryParam("status", 200).queryParam("since", "5m").queryParam("limit", 2).get("/admin/requests")
                .then().statusCode(200).extract().path("requests");
        List<Map<String, Object>> usage = given().queryParam("window", "1h").get("/admin/usage").then()
                .statusCode(200).extract().path("usage");

        // Then: newest first, filtered, limited
        assertThat(recent).hasSize(2).allSatisfy(r -> assertThat(r).containsEntry("model", "tinyllama:latest")
                .containsEntry("endpoint", "node-d"));
        assertThat(recent.get(0).get("request_id")).isEqualTo(run + "-tiny-2");
        Map<String, Object> tiny = usage.stream().filter(u -> "tinyllama:latest".equals(u.get("model")))
                .findFirst().orElseThrow();
        assertThat(((Number) tiny.get("requests")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(((Number) tiny.get("completion_tokens")).longValue()).isPositive();
        given().queryParam("limit", 0).get("/admin/requests").then().statusCode(400);
        given().queryParam("since", "yesterday").get("/admin/requests").then().statusCode(400);
    }

    /** The row of request {@code id}, once the writer has stored it. */
    private static Map<String, Object> logged(String id) {
        Object[] found = new Object[1];
        Gateway.await("request " + id + " in the request log", () -> {
            List<Map<String, Object>> rows = given().queryParam("limit", 1000).queryParam("since", "10m")
                    .get("/admin/requests").then().statusCode(200).extract().path("requests");
            found[0] = rows.stream().filter(r -> id.equals(r.get("request_id"))).findFirst().orElse(null);
            return found[0] != null;
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) found[0];
        return row;
    }

    /** Asks node-c for a streamed chat (10 tokens, 40 ms apart), reads the first bytes and hangs up. */
    private void leaveMidStream(String id) throws Exception {
        String body = "{\"model\":\"phi3:mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Request-Id: " + id + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String seen = "";
            byte[] buffer = new byte[512];
            while (!seen.contains("\"done\":false")) {
                int n = in.read(buffer);
                assertThat(n).as("stream still open").isPositive();
                seen += new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
        }
    }
}
