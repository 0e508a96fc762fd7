package adapters.balancer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.Gateway.await;
import static testsupport.Gateway.chat;
import static testsupport.Gateway.healthyFleet;
import static testsupport.Gateway.node;
import static testsupport.Gateway.nodeView;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import testsupport.SimFleet;

/**
 * The warm-first balancer end to end on simulated nodes: llama3.2 is on node-a, node-b and node-c; what each has
 * loaded is set on the simulators themselves, as another client of the node would, and Drover learns it from their
 * {@code /api/ps} (read every 2 s in these tests).
 */
@QuarkusTest
@TestProfile(WarmFirstGateway.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class WarmFirstIT {

    private static final String MODEL = "llama3.2:latest";
    private static final List<String> HOLDERS = List.of("node-a", "node-b", "node-c");
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void nothingLoaded() {
        healthyFleet();
        for (String name : HOLDERS) {
            loadDirectly(name, 0);
        }
        await("Drover sees llama3.2 loaded nowhere", () -> HOLDERS.stream().noneMatch(this::loadedAsDroverSees));
        // A node that said it is busy in an earlier test is passed over for 5 s.
        await("no node passed over as busy",
                () -> HOLDERS.stream().allMatch(n -> nodeView(n).get("busy_until") == null));
    }

    @AfterEach
    void reset() {
        healthyFleet();
    }

    @Test
    void shouldSendEveryRequestToTheNodeWhereTheModelIsLoaded() {
        // Given
        loadDirectly("node-b", -1);
        await("Drover sees llama3.2 loaded on node-b", () -> loadedAsDroverSees("node-b"));
        System.out.println("DEBUG " + given().get("/internal/status").asString());
        System.out.println("DEBUG sims " + node("node-a").loadedModels() + node("node-b").loadedModels()
                + node("node-c").loadedModels());

        // When
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(chat("llama3.2"));
        }

        // Then
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.header("X-Drover-Endpoint")).isEqualTo("node-b");
            assertThat(a.header("X-Drover-Route")).isEqualTo("warm");
        });
        assertThat(node("node-a").loadedModels()).isEmpty();
        assertThat(node("node-c").loadedModels()).isEmpty();
    }

    @Test
    void shouldSendNewRequestsToTheIdleWarmNodeRatherThanTheBusyOne() throws Exception {
        // Given: loaded on node-a and node-b; one request is slow to answer on whichever of them it went to
        loadDirectly("node-a", -1);
        loadDirectly("node-b", -1);
        await("Drover sees llama3.2 loaded on node-a and node-b",
                () -> loadedAsDroverSees("node-a") && loadedAsDroverSees("node-b"));
        // 8 s, under the profile's first-byte timeout of 10 s: the 20 chats below took more than 4 s on a slow machine
        node("node-a").faults().slowFirstByte(Duration.ofSeconds(8));
        node("node-b").faults().slowFirstByte(Duration.ofSeconds(8));
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(chatRequest(),
                HttpResponse.BodyHandlers.ofString());
        await("one request in flight", () -> inFlight("node-a") + inFlight("node-b") == 1);
        String busy = inFlight("node-a") == 1 ? "node-a" : "node-b";
        String idle = busy.equals("node-a") ? "node-b" : "node-a";
        node("node-a").faults().reset();
        node("node-b").faults().reset();

        // When: 20 chats while it is in flight
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            servers.add(chat("llama3.2").header("X-Drover-Endpoint"));
        }
        boolean stillInFlight = !slow.isDone();
        int slowStatus = slow.get().statusCode();

        // Then: at least 95% to the idle warm node, none to node-c, which would have to load it
        assertThat(stillInFlight).as("the slow request was in flight all along").isTrue();
        assertThat(servers.stream().filter(idle::equals).count()).as(servers.toString()).isGreaterThanOrEqualTo(19);
        assertThat(servers).doesNotContain("node-c");
        assertThat(slowStatus).isEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE) // its 503s stay in node-a's breaker window and would open it in the next test
    void shouldPassOverAWarmNodeThatSaysItIsBusy() {
        // Given: loaded only on node-a, which answers 503 "server busy" to everything
        loadDirectly("node-a", -1);
        await("Drover sees llama3.2 loaded on node-a", () -> loadedAsDroverSees("node-a"));
        node("node-a").faults().failWith(503);
        long before = node("node-a").stats().inferenceRequests();

        // When: 50 chats over about five seconds
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Response answer = chat("llama3.2");
            assertThat(answer.statusCode()).isEqualTo(200);
            servers.add(answer.header("X-Drover-Endpoint"));
            pause(100);
        }

        // Then: warm as it is, it saw under 5% of them (each 503 was retried elsewhere)
        assertThat(servers).doesNotContain("node-a");
        assertThat(node("node-a").stats().inferenceRequests() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldGiveAHeavierNodeItsShareAmongEquallyWarmOnes() {
        // Given: loaded on node-a (weight 3) and node-b (weight 1), both idle between requests
        loadDirectly("node-a", -1);
        loadDirectly("node-b", -1);
        await("Drover sees llama3.2 loaded on node-a and node-b",
                () -> loadedAsDroverSees("node-a") && loadedAsDroverSees("node-b"));

        // When
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            servers.add(chat("llama3.2").header("X-Drover-Endpoint"));
        }

        // Then
        assertThat(servers.stream().filter("node-a"::equals).count()).as(servers.toString()).isEqualTo(30);
        assertThat(servers.stream().filter("node-b"::equals).count()).isEqualTo(10);
    }

    @Test
    void shouldForgetAModelAtOnceWhenItsClientAskedTheNodeToUnloadIt() {
        // Given
        loadDirectly("node-b", -1);
        await("Drover sees llama3.2 loaded on node-b", () -> loadedAsDroverSees("node-b"));

        // When: a chat that asks for the model to be unloaded after it (keep_alive 0)
        Response answer = given().contentType(ContentType.JSON).body("{\"model\":\"llama3.2\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false,\"keep_alive\":0}").post("/api/chat");
        long start = System.nanoTime();
        while (loadedAsDroverSees("node-b") && System.nanoTime() - start < 300_000_000L) {
            pause(20);
        }

        // Then: well before the next read of the node's /api/ps (every 2 s here), Drover no longer counts on it
        assertThat(answer.header("X-Drover-Endpoint")).isEqualTo("node-b");
        assertThat(loadedAsDroverSees("node-b")).isFalse();
    }

    @Test
    void shouldShowWhatItLearnedOnTheStatusPage() {
        // Given
        loadDirectly("node-c", -1);
        await("Drover sees llama3.2 loaded on node-c", () -> loadedAsDroverSees("node-c"));

        // When
        Response answer = chat("llama3.2");

        // Then
        assertThat(answer.header("X-Drover-Route")).isEqualTo("warm");
        await("node-c's slot time learned", () -> residency("node-c").get("slot_ms") != null);
        Map<String, Object> model = residency("node-c");
        assertThat(model).containsEntry("loaded", true).containsEntry("in_flight", 0);
        assertThat(model.get("expires_at")).isNotNull();
        assertThat(nodeView("node-c")).containsEntry("num_parallel", 1).containsEntry("room", 1);
        assertThat(nodeView("node-a")).containsEntry("weight", 3);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("drover_routing_decisions_total\\{reason=\"warm\"\\} [1-9]");
    }

    private boolean loadedAsDroverSees(String name) {
        return residency(name).get("loaded") == Boolean.TRUE;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> residency(String name) {
        Object list = nodeView(name).get("residency");
        if (list == null) {
            return Map.of();
        }
        return ((List<Map<String, Object>>) list).stream().filter(m -> MODEL.equals(m.get("model"))).findFirst()
                .orElse(Map.of());
    }

    private static int inFlight(String name) {
        return (Integer) nodeView(name).get("in_flight");
    }

    /** Loads (keep-alive -1: forever) or unloads (0) llama3.2 on the simulator itself, not through Drover. */
    private void loadDirectly(String name, int keepAlive) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(node(name).url() + "/api/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"keep_alive\":" + keepAlive
                            + "}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new AssertionError("could not reach " + name, e);
        }
    }

    private static HttpRequest chatRequest() {
        return HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}],\"stream\":false}"))
                .build();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
