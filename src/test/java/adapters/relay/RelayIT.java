package adapters.relay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.Gateway.await;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.healthyFleet;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

import adapters.relay.agent.RelayAgent;
import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;
import core.access.EnrollmentTokens;
import testsupport.Gateway;
import testsupport.RawHttp;
import testsupport.SimFleet;

/**
 * A node behind NAT: a simulator reachable only by an in-JVM agent that dials the gateway's relay. It has relay-llm
 * (its own) and phi3:mini (which static node-c has too); 30 tokens 20 ms apart.
 */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class RelayIT {

    private static final String NODE = "gpu-relay";
    private final Vertx vertx = Vertx.vertx();
    private SimulatedOllama hidden;
    private RelayAgent agent;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void connectAgent() {
        healthyFleet();
        hidden = SimulatedOllama.start(vertx, SimSettings.named(NODE).withModels(List.of("relay-llm", "phi3:mini"))
                .withTokens(30, Duration.ofMillis(20)));
        String token = new EnrollmentTokens(SimFleet.RELAY_SECRET, Clock.systemUTC()).issue(Duration.ofMinutes(10),
                NODE, false);
        agent = new RelayAgent(vertx, new RelayAgent.Settings(URI.create("ws://127.0.0.1:" + root.getPort()), token,
                URI.create(hidden.url()), NODE, 0, "test"));
        agent.start();
        await("relay node routable with its models", () -> models(NODE).contains("relay-llm:latest"));
    }

    @AfterEach
    void disconnectAgent() throws Exception {
        agent.close();
        await("relay node gone", () -> !endpointNames().contains(NODE));
        hidden.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void shouldStreamThroughTheRelayWithTheNodesPacing() throws Exception {
        // When
        long start = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(chat("relay-llm"),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> body = response.body()) {
            body.forEach(line -> {
                arrivals.add((System.nanoTime() - start) / 1_000_000);
                lines.add(line);
            });
        }

        // Then
        assertThat(response.headers().firstValue("X-Drover-Endpoint")).hasValue(NODE);
        given().get("/internal/status").then()
                .body("endpoints.find { it.name == 'gpu-relay' }.connector", org.hamcrest.Matchers.equalTo("relay"))
                .body("endpoints.find { it.name == 'node-a' }.connector", org.hamcrest.Matchers.equalTo("static"));
        assertThat(lines).hasSize(31);
        assertThat(lines.get(30)).contains("\"done\":true");
        assertThat(arrivals.get(29) - arrivals.get(0)).as("spread of the token lines, ms").isGreaterThanOrEqualTo(400);
        awaitNoneInFlight();
    }

    @Test
    void shouldCarryAClientAbortThroughTheAgentToTheNode() throws Exception {
        // Given
        long before = hidden.stats().disconnects();

        // When: read two lines of a streamed answer, then hang up
        new RawHttp("127.0.0.1", root.getPort()).hangUpAfter("/api/chat",
                "{\"model\":\"relay-llm\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "{", 2);

        // Then
        await("the hidden node sees its client leave", () -> hidden.stats().disconnects() == before + 1);
        awaitNoneInFlight();
        await("the agent forgets the stream", () -> agent.active() == 0);
    }

    @Test
    void shouldCompleteManyConcurrentStreamsOnOneLink() {
        // When
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pending.add(client.sendAsync(chat("relay-llm"), HttpResponse.BodyHandlers.ofString()));
        }

        // Then
        assertThat(pending).allSatisfy(answer -> {
            HttpResponse<String> response = answer.join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().lines().toList()).hasSize(31).last().asString().contains("\"done\":true");
        });
        awaitNoneInFlight();
    }

    @Test
    void shouldEndStreamsInProtocolWhenTheLinkDropsAndComeBackWhenTheAgentReconnects() throws Exception {
        // Given: a stream under way
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(chat("relay-llm"),
                HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> lines = response.body().iterator();
        lines.next();

        // When
        agent.dropLink();

        // Then: the client is told, the node leaves the fleet, and returns once the agent is back
        List<String> rest = new ArrayList<>();
        lines.forEachRemaining(rest::add);
        assertThat(rest.get(rest.size() - 1)).startsWith("{\"error\":").contains("relay link");
        await("relay node back after reconnecting", () -> models(NODE).contains("relay-llm:latest"));
        awaitNoneInFlight();
    }

    @Test
    void shouldLetAStreamInFlightFinishWhenTheAgentShutsDown() throws Exception {
        // Given
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(chat("relay-llm"),
                HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> lines = response.body().iterator();
        lines.next();

        // When
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return agent.drain(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // Then: the answer runs to its end, then the agent leaves and the node with it
        List<String> rest = new ArrayList<>();
        lines.forEachRemaining(rest::add);
        assertThat(rest.get(rest.size() - 1)).contains("\"done\":true");
        assertThat(drained.get()).isTrue();
        await("relay node gone after the drain", () -> !endpointNames().contains(NODE));
    }

    @Test
    void shouldNotLetAStalledReaderHoldBackTheOtherStreamsOnTheLink() throws Exception {
        // Given: a second relayed node whose answers are long (20,000 tokens, no delay), and a client that asks for
        // one with a tiny receive window and then reads nothing
        SimulatedOllama bulk = SimulatedOllama.start(vertx, SimSettings.named("gpu-bulk")
                .withModels(List.of("bulk-llm")).withTokens(20_000, Duration.ZERO).withParallel(8));
        RelayAgent bulkAgent = new RelayAgent(vertx, new RelayAgent.Settings(URI.create("ws://127.0.0.1:"
                + root.getPort()), new EnrollmentTokens(SimFleet.RELAY_SECRET, Clock.systemUTC())
                        .issue(Duration.ofMinutes(10), null, false),
                URI.create(bulk.url()), "gpu-bulk", 0, "test"));
        bulkAgent.start();
        try (Socket stalled = new Socket()) {
            await("bulk node routable", () -> models("gpu-bulk").contains("bulk-llm:latest"));
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", root.getPort()));
            byte[] body = "{\"model\":\"bulk-llm\",\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /api/generate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write(body);
            out.flush();

            // When: the agent runs out of credit for the stalled stream
            await("the agent holds the stalled stream back", () -> bulkAgent.paused() == 1);

            // Then: other streams on the same link still complete
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                others.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root.getPort()
                        + "/api/generate")).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"bulk-llm\","
                                + "\"prompt\":\"hi\",\"options\":{\"num_predict\":20}}"))
                        .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(others).allSatisfy(answer -> {
                HttpResponse<String> response = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body().lines().toList()).hasSize(21).last().asString().contains("\"done\":true");
            });
            // Credit grants and pauses cross event loops, so the count may flicker while buffers settle.
            await("the stalled stream still held back", () -> bulkAgent.paused() == 1);
        } finally {
            bulkAgent.close();
            await("bulk node gone", () -> !endpointNames().contains("gpu-bulk"));
            bulk.close();
        }
        awaitNoneInFlight();
    }

    @Test
    void shouldEndAStalledRelayedAnswerWithTheErrorLineWithinTheIdleTimeout() throws Exception {
        // Given: behind a second agent, a node that writes two lines of its answer and then nothing, ever
        io.vertx.core.http.HttpServer stalling = vertx.createHttpServer().requestHandler(request -> {
            io.vertx.core.http.HttpServerResponse response = request.response()
                    .putHeader("Content-Type", "application/json");
            switch (request.path()) {
                case "/api/version" -> response.end("{\"version\":\"0.12.6\"}");
                case "/api/tags" -> response.end("{\"models\":[{\"name\":\"stall:latest\",\"model\":"
                        + "\"stall:latest\",\"modified_at\":\"2025-01-01T00:00:00Z\",\"size\":1,\"digest\":\"00\","
                        + "\"details\":{}}]}");
                case "/api/ps" -> response.end("{\"models\":[]}");
                default -> response.setChunked(true).putHeader("Content-Type", "application/x-ndjson")
                        .write("{\"model\":\"stall\",\"response\":\"a\",\"done\":false}\n"
                                + "{\"model\":\"stall\",\"response\":\"b\",\"done\":false}\n");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        RelayAgent second = new RelayAgent(vertx, new RelayAgent.Settings(URI.create("ws://127.0.0.1:"
                + root.getPort()), new EnrollmentTokens(SimFleet.RELAY_SECRET, Clock.systemUTC()).issue(
                        Duration.ofMinutes(10), "gpu-stall", false),
                URI.create("http://127.0.0.1:" + stalling.actualPort()), "gpu-stall", 0, "test"));
        second.start();
        try {
            await("relayed stalling node routable", () -> models("gpu-stall").contains("stall:latest"));
            HttpRequest generate = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root.getPort()
                    + "/api/generate")).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"stall\",\"prompt\":\"hi\"}"))
                    .build();

            // When
            long start = System.nanoTime();
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(generate,
                    HttpResponse.BodyHandlers.ofLines());
            List<String> lines = CompletableFuture.supplyAsync(() -> response.body().toList())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;

            // Then: what came is passed on, and the answer ends in protocol after proxy.idle_timeout (1 s), not never
            assertThat(response.headers().firstValue("X-Drover-Endpoint")).hasValue("gpu-stall");
            assertThat(lines.get(lines.size() - 1)).startsWith("{\"error\":").contains("timed out")
                    .contains("gpu-stall");
            assertThat(ms).as("time to the error line, ms").isLessThan(2_000 + 1_000);
            awaitNoneInFlight();
        } finally {
            second.close();
            await("gpu-stall gone", () -> !endpointNames().contains("gpu-stall"));
            stalling.close();
        }
    }

    @Test
    void shouldShareAModelBetweenAStaticNodeAndARelayNode() {
        // When
        List<String> servers = Gateway.times(8, "phi3:mini");

        // Then
        assertThat(servers).contains("node-c", NODE);
    }

    @Test
    void shouldPullToARelayNodeAndAStaticNodeInOneMergedStream() throws Exception {
        // Given: both nodes' pulls take a moment, so the progress interleaves
        hidden.faults().slowPull(Duration.ofMillis(300));
        SimFleet.node("node-c").faults().slowPull(Duration.ofMillis(300));

        // When
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + root.getPort() + "/api/pull")).header("X-Drover-Endpoint",
                        NODE + ",node-c")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"relay-pulled\"}")).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> lines;
        try (Stream<String> body = response.body()) {
            lines = body.toList();
        } finally {
            SimFleet.node("node-c").faults().slowPull(Duration.ZERO);
        }

        // Then: each node's progress arrived under its name, and both hold the model
        assertThat(response.headers().firstValue("X-Drover-Endpoint")).hasValue("node-c," + NODE);
        assertThat(lines).anyMatch(l -> l.contains("\"node\":\"" + NODE + "\"") && l.contains("\"digest\""))
                .anyMatch(l -> l.contains("\"node\":\"node-c\"") && l.contains("\"digest\""));
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"status\":\"success\"");
        assertThat(hidden.models()).contains("relay-pulled:latest");
        assertThat(SimFleet.node("node-c").models()).contains("relay-pulled:latest");
        given().header("X-Drover-Endpoint", "node-c").body("{\"model\":\"relay-pulled\"}").delete("/api/delete")
                .then().statusCode(200);
    }

    private HttpRequest chat(String model) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root.getPort() + "/api/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    private static List<String> endpointNames() {
        return given().get("/internal/status").then().extract().path("endpoints.name");
    }

    private static List<String> models(String endpoint) {
        return "up".equals(Gateway.nodeView(endpoint).get("status")) ? Gateway.models(endpoint) : List.of();
    }
}
