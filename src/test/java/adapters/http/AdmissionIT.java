package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.Gateway.await;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.node;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import testsupport.SimFleet;

/** Admission control: node-d takes 2 requests at once (10 tokens at 50 ms each); up to 4 more wait in the queue. */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class AdmissionIT {

    private static final String TINY = "{\"model\":\"tinyllama\",\"prompt\":\"hi\",\"stream\":false}";

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void fleet() {
        healthyFleet();
        awaitNoneInFlight();
        node("node-d").stats().resetPeak();
    }

    @Test
    void shouldNeverSendANodeMoreThanItsMaxConcurrencyAndQueueTheRest() {
        // Given
        long before = node("node-d").stats().inferenceRequests();

        // When
        List<HttpResponse<String>> answers = concurrently(6, TINY);

        // Then
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        assertThat(node("node-d").stats().peak()).isEqualTo(2);
        assertThat(node("node-d").stats().inferenceRequests()).isEqualTo(before + 6);
        awaitNoneInFlight();
    }

    @Test
    void shouldRefuseWith429AndRetryAfterOnceTheQueueIsFull() {
        // When: 2 run, 4 wait, the rest find the queue full
        List<HttpResponse<String>> answers = concurrently(9, TINY);

        // Then
        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(answer.body()).contains("proxy.queue.max_size");
        });
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 429));
        assertThat(node("node-d").stats().peak()).isEqualTo(2);
        awaitNoneInFlight();
    }

    @Test
    void shouldForgetAClientThatLeavesWhileQueued() throws Exception {
        // Given: both slots busy
        long before = node("node-d").stats().inferenceRequests();
        CompletableFuture<List<HttpResponse<String>>> busy = CompletableFuture.supplyAsync(() -> concurrently(2,
                TINY));
        await("node-d full", () -> node("node-d").stats().active() == 2);

        // When: a third client queues, then hangs up
        try (Socket socket = new Socket("127.0.0.1", root.getPort())) {
            byte[] body = TINY.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/generate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            await("one request queued", () -> queued() == 1);
        }

        // Then: its place is freed at once and the node never sees it
        await("queue empty", () -> queued() == 0);
        assertThat(busy.join()).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        awaitNoneInFlight();
        assertThat(node("node-d").stats().inferenceRequests()).isEqualTo(before + 2);
    }

    @Test
    void shouldRefuseAPriorityOutsideOneToTen() {
        given().contentType(ContentType.JSON).header("X-Drover-Priority", "11").body(TINY).post("/api/generate")
                .then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("X-Drover-Priority must be a whole number from 1 to 10,"
                        + " not '11'"));
    }

    private static int queued() {
        return given().get("/internal/status").then().extract().path("queued");
    }

    private List<HttpResponse<String>> concurrently(int count, String body) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root.getPort()
                    + "/api/generate")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }
}
