package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import testsupport.Gateway;
import testsupport.RawHttp;
import testsupport.SimFleet;

@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class StreamingIT {

    private static final String SLOW_CHAT = "{\"model\":\"phi3:mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @BeforeEach
    void fleet() {
        healthyFleet();
    }

    @Test
    void shouldDeliverEachChunkAsTheNodeSendsIt() throws Exception {
        // Given: node-c sends 10 tokens 40 ms apart, then the final line
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(SLOW_CHAT)).build();
        long start = System.nanoTime();

        // When
        List<Long> arrivals = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (Stream<String> body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines())
                .body()) {
            body.forEach(line -> {
                arrivals.add((System.nanoTime() - start) / 1_000_000);
                lines.add(line);
            });
        }

        // Then: one line per chunk, spread over the node's pace rather than arriving at the end together
        assertThat(lines).hasSize(11);
        assertThat(lines.get(10)).contains("\"done\":true");
        long spread = arrivals.get(10) - arrivals.get(0);
        assertThat(spread).as("time from first to last line, ms").isGreaterThanOrEqualTo(300);
        long paced = 0;
        for (int i = 1; i < 10; i++) {
            if (arrivals.get(i) - arrivals.get(i - 1) >= 20) {
                paced++;
            }
        }
        assertThat(paced).as("gaps of at least 20 ms between consecutive token lines").isGreaterThanOrEqualTo(7);
    }

    @Test
    void shouldCountAStreamInFlightUntilItEnds() throws Exception {
        // Given
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(SLOW_CHAT)).build();

        // When
        int duringStream;
        try (Stream<String> body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines())
                .body()) {
            java.util.Iterator<String> lines = body.iterator();
            lines.next();
            duringStream = Gateway.totalInFlight();
            lines.forEachRemaining(line -> {
            });
        }

        // Then
        assertThat(duringStream).isEqualTo(1);
        awaitNoneInFlight();
    }

    @Test
    void shouldStopTheNodeWhenTheClientLeaves() throws Exception {
        // Given
        long before = node("node-c").stats().disconnects();

        // When: read the head and two lines of a streamed answer, then hang up
        new RawHttp("127.0.0.1", port()).hangUpAfter("/api/chat", SLOW_CHAT, "{", 2);

        // Then
        Gateway.await("node-c sees its client leave", () -> node("node-c").stats().disconnects() == before + 1);
        awaitNoneInFlight();
    }

    @Test
    void shouldEndACutStreamWithAnErrorLineInsteadOfASilentEnd() throws Exception {
        // Given
        node("node-c").faults().cutAfter(3);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(SLOW_CHAT)).build();

        // When
        List<String> lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()
                .toList();

        // Then
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).startsWith("{\"error\":").contains("node-c");
        assertThat(lines).noneMatch(line -> line.contains("\"done\":true"));
        awaitNoneInFlight();
    }

    @Test
    void shouldEndAStalledStreamWithAnErrorLineAfterTheIdleTimeout() throws Exception {
        // Given: "odd" sends one line, then stays silent longer than proxy.idle_timeout (1s)
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"broken\",\"prompt\":\"hi\"}")).build();

        // When
        List<String> lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()
                .toList();

        // Then
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"error\":").contains("timed out");
        awaitNoneInFlight();
    }

    @TestHTTPResource("/")
    URL root;

    private int port() {
        return root.getPort();
    }

    private String base() {
        return "http://127.0.0.1:" + port();
    }
}
