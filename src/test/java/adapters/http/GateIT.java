package adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.Gateway.await;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.healthyFleet;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

import adapters.relay.agent.RelayAgent;
import core.access.EnrollmentTokens;
import testsupport.Neighbour;
import testsupport.OpenAiNodes;
import testsupport.OpenFiles;
import testsupport.RawHttp;
import testsupport.RawHttp.Answer;
import testsupport.SimFleet;

/**
 * What an attacker tries at the gate, sent as raw bytes: bodies that never end on every route that reads one, credentials
 * a client hopes a node will see, framing tricks, refusals that must still speak the client's protocol, and noise that
 * must not flood the log. Each case checks the answer, that no node saw the request, and that a neighbour chatting at
 * the same time notices nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class GateIT {

    private static final int MB = 1024 * 1024;
    private static final String VLLM_CHAT = "{\"model\":\"" + OpenAiNodes.VLLM_MODEL + "\",\"messages\":[]}";

    @TestHTTPResource("/")
    URL root;

    @Inject
    BodyBudget budget;

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Neighbour neighbour;

    @BeforeEach
    void neighbourChats() {
        healthyFleet();
        Logger.getLogger("").addHandler(capture);
        neighbour = Neighbour.chattingWith(root);
    }

    @AfterEach
    void neighbourNoticedNothing() throws InterruptedException {
        neighbour.close();
        Logger.getLogger("").removeHandler(capture);
        assertThat(neighbour.statuses()).isNotEmpty().containsOnly(200);
        awaitNoneInFlight();
        await("every body's room given back", () -> budget.held() == 0 && budget.waiting() == 0);
    }

    @Test
    void shouldBoundEveryBodyWhileReadingItChunkedOrNot() throws IOException {
        // When: chunked bodies far over the limit of node and admin calls (16 KB), and over the API's when declared
        Answer heartbeat = chunked("POST /nodes/heartbeat", "", 4 * MB);
        Answer tokens = chunked("POST /admin/tokens", "", 4 * MB);
        Answer endpoints = chunked("POST /admin/endpoints", "", 4 * MB);
        Answer declared = exchange(
                "POST /admin/endpoints HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20000\r\n\r\n{");

        // Then: each refused with 413 in Ollama's shape, carrying the request id, and nothing joined the fleet
        for (Answer answer : List.of(heartbeat, tokens, endpoints, declared)) {
            assertThat(answer.status()).as(answer.head()).isEqualTo(413);
            assertThat(answer.head()).containsIgnoringCase("X-Drover-Request-Id:").containsIgnoringCase(
                    "Connection: close");
            assertThat(answer.body()).startsWith("{\"error\":\"request body is larger than 16384 bytes");
        }
        assertThat(given().get("/admin/endpoints").asString()).doesNotContain("\"origin\":\"admin\"");
    }

    @Test
    void shouldRefuseAnOversizedBodyOnOneHttp2StreamAndKeepTheConnection() throws Exception {
        // Given: one HTTP/2 connection (cleartext, prior knowledge), as gRPC-style clients and curl --http2 use
        Vertx vertx = Vertx.vertx();
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
                .setDefaultHost(root.getHost()).setDefaultPort(root.getPort()).setHttp2MaxPoolSize(1));
        try {
            // When: a body over the 16 KB of admin calls, sent without a length, then a normal call
            String[] refused = client.request(io.vertx.core.http.HttpMethod.POST, "/admin/tokens")
                    .compose(request -> request.send(io.vertx.core.buffer.Buffer.buffer("x".repeat(64 * 1024))))
                    .compose(response -> response.body().map(b -> new String[]{
                            Integer.toString(response.statusCode()), response.getHeader("X-Drover-Request-Id"),
                            b.toString()}))
                    .toCompletionStage().toCompletableFuture().get();
            int next = client.request(io.vertx.core.http.HttpMethod.GET, "/api/tags").compose(
                    request -> request.send()).toCompletionStage().toCompletableFuture().get().statusCode();

            // Then: a readable 413 on that stream; the connection goes on serving
            assertThat(refused[0]).isEqualTo("413");
            assertThat(refused[1]).isNotBlank();
            assertThat(refused[2]).startsWith("{\"error\":\"request body is larger than 16384 bytes");
            assertThat(next).isEqualTo(200);
        } finally {
            vertx.close();
        }
    }

    @Test
    void shouldNeverForwardCredentialsToANodeOverHttpOrTheRelay() throws Exception {
        // Given: a node that records what it receives, reachable only through a relay agent
        WireMockServer recorder = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        recorder.start();
        SimFleet.stubOllamaNode(recorder, "recorded:latest");
        recorder.stubFor(post("/api/chat").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"model\":\"recorded\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                        + "\"done\":true}")));
        Vertx vertx = Vertx.vertx();
        RelayAgent agent = new RelayAgent(vertx, new RelayAgent.Settings(URI.create("ws://127.0.0.1:" + root.getPort()),
                new EnrollmentTokens(SimFleet.RELAY_SECRET, Clock.systemUTC()).issue(Duration.ofMinutes(5), "recorder",
                        false),
                URI.create("http://127.0.0.1:" + recorder.port()), "recorder", 0, "test"));
        agent.start();
        try {
            await("relayed recorder routable", () -> given().body("{\"model\":\"recorded\",\"messages\":[]}")
                    .post("/api/chat").statusCode() == 200);
            String secrets = "Authorization: Bearer client-secret\r\nProxy-Authorization: Basic cHJveHk=\r\n"
                    + "X-API-Key: client-key\r\nCookie: session=abc\r\nConnection: keep-alive, X-Private\r\n"
                    + "X-Private: private\r\nX-Drover-Priority: 5\r\nX-Kept: kept\r\n";

            // When: the same secrets sent to an HTTP node and to the relayed one
            Answer http = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n" + secrets
                    + "Content-Length: " + VLLM_CHAT.length() + "\r\n\r\n" + VLLM_CHAT);
            String chat = "{\"model\":\"recorded\",\"messages\":[]}";
            Answer relayed = exchange("POST /api/chat HTTP/1.1\r\nHost: localhost\r\n" + secrets + "Content-Length: "
                    + chat.length() + "\r\n\r\n" + chat);

            // Then: both answered; each node saw its own credential or none, never the client's
            assertThat(http.status()).isEqualTo(200);
            assertThat(relayed.status()).isEqualTo(200);
            LoggedRequest atVllm = last(SimFleet.vllm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))));
            assertThat(atVllm.getHeader("Authorization")).isEqualTo("Bearer " + OpenAiNodes.VLLM_TOKEN);
            LoggedRequest atRecorder = last(recorder.findAll(postRequestedFor(urlEqualTo("/api/chat"))));
            assertThat(atRecorder.containsHeader("Authorization")).isFalse();
            for (LoggedRequest seen : List.of(atVllm, atRecorder)) {
                for (String header : List.of("Proxy-Authorization", "X-API-Key", "Cookie", "X-Private",
                        "X-Drover-Priority")) {
                    assertThat(seen.containsHeader(header)).as(header).isFalse();
                }
                assertThat(seen.getHeader("X-Kept")).isEqualTo("kept");
            }
        } finally {
            agent.close();
            recorder.stop();
            vertx.close();
        }
    }

    @Test
    void shouldRefuseMalformedFramingInTheClientsProtocol() throws IOException {
        // When
        Answer repeated = exchange(
                "GET /api/tags HTTP/1.1\r\nHost: localhost\r\n" + "X-Same: v\r\n".repeat(150) + "\r\n");
        Answer coding = exchange(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: refused-coding\r\n"
                        + "Transfer-Encoding: xchunked\r\nContent-Length: " + VLLM_CHAT.length() + "\r\n\r\n"
                        + VLLM_CHAT);
        Answer hosts = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nHost: y\r\n"
                + "X-Request-Id: refused-hosts\r\nContent-Length: " + VLLM_CHAT.length() + "\r\n\r\n" + VLLM_CHAT);
        Answer badChunk = exchange(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: refused-chunk\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + VLLM_CHAT + "\r\n0\r\n\r\n");
        Answer noHost = exchange("GET /api/tags HTTP/1.1\r\n\r\n");

        // Then: a clear 4xx/501 with the error in the client's dialect, and no node saw any of them
        assertThat(repeated.status()).isEqualTo(431);
        assertThat(repeated.body()).contains("too many request headers (151; at most 100");
        assertThat(coding.status()).isEqualTo(501);
        assertThat(coding.body()).contains("\"type\":\"api_error\"").contains("transfer coding 'xchunked'");
        assertThat(hosts.status()).isEqualTo(400);
        assertThat(hosts.body()).contains("\"type\":\"invalid_request_error\"").contains("more than one Host header");
        assertThat(badChunk.status()).isEqualTo(400);
        assertThat(badChunk.body()).contains("the request body is malformed");
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.body()).startsWith("{\"error\":").contains("Host");
        for (Answer answer : List.of(repeated, coding, hosts, badChunk, noHost)) {
            assertThat(answer.head()).containsIgnoringCase("X-Drover-Request-Id:");
        }
        assertThat(SimFleet.vllm.findAll(anyRequestedFor(anyUrl())).stream()
                .map(r -> String.valueOf(r.getHeader("X-Request-Id")))).noneMatch(id -> id.startsWith("refused-"));
    }

    @Test
    void shouldAnswerEveryEarlyRefusalWithABodyAndTheRequestId() throws IOException {
        // When
        Answer declared = exchange(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: big-upload-1\r\n"
                        + "Content-Length: " + 33 * MB + "\r\n\r\n{");
        Answer headers = exchange(
                "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(30_000) + "\r\n\r\n");
        Answer line = exchange("GET /api/tags?q=" + "q".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Answer stalled = exchange(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{");

        // Then: the openai SDK reads a typed error instead of a connection error, and can quote the id
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.head()).contains("X-Drover-Request-Id: big-upload-1");
        assertThat(declared.body()).contains("\"type\":\"invalid_request_error\"")
                .contains("request body is larger than 33554432 bytes (server.max_body_size)");
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.body()).contains("\"type\":\"invalid_request_error\"").contains("server.max_header_size");
        assertThat(line.status()).isEqualTo(414);
        assertThat(line.body()).contains("server.max_request_line");
        assertThat(stalled.status()).isEqualTo(408);
        assertThat(stalled.body()).contains("server.body_timeout");
        for (Answer answer : List.of(declared, headers, line, stalled)) {
            assertThat(answer.head()).containsIgnoringCase("X-Drover-Request-Id:");
        }
    }

    @Test
    void shouldHoldNoMoreBodiesThanBodyMemoryAndTellAClientThatWaitedTooLong() throws Exception {
        // Given: two uploads that declared the largest body (32 MB each: the whole 64 MB of server.body_memory) and
        // trickle it, never stalling long enough for a 408
        List<Socket> holders = List.of(socket(), socket());
        AtomicBoolean trickling = new AtomicBoolean(true);
        for (Socket holder : holders) {
            holder.getOutputStream().write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + 32 * MB
                    + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        }
        Thread trickle = new Thread(() -> {
            while (trickling.get()) {
                try {
                    for (Socket holder : holders) {
                        holder.getOutputStream().write(' ');
                    }
                    Thread.sleep(300);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        trickle.start();
        try {
            Thread.sleep(300);

            // When: a 1 MB body, declared and chunked, arrives while they hold the room
            long start = System.nanoTime();
            Answer declared = exchange(
                    "POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + MB + "\r\n\r\n"
                            + "x".repeat(MB));
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            Answer chunked = chunked("POST /v1/chat/completions", "", MB);

            // Then: each waited server.body_timeout (1.5 s here) for room, unread, and was told to come back
            assertThat(declared.status()).as(declared.head()).isEqualTo(503);
            assertThat(declared.head()).containsIgnoringCase("Retry-After: 1");
            assertThat(declared.body()).contains("server.body_memory");
            assertThat(waited).isBetween(1_400L, 5_000L);
            assertThat(chunked.status()).as(chunked.head()).isEqualTo(503);
            assertThat(chunked.body()).contains("\"type\":\"").contains("server.body_memory");
        } finally {
            trickling.set(false);
            trickle.join();
            for (Socket holder : holders) {
                holder.close();
            }
        }

        // When: the holders have gone
        String content = "y".repeat(MB);
        HttpResponse<String> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root
                + "api/chat")).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"stream\":false,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                .build(),
                HttpResponse.BodyHandlers.ofString());

        // Then: their room was given back: a 1 MB chat goes through
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }

    @Test
    void shouldAnswerPathsNoRouteServesAsOllamaDoesWithTheRequestId() throws IOException {
        for (String path : List.of("/admin/x", "/internal/x", "/nodes/heartbeat/", "/NODES/heartbeat", "/nodes/x")) {
            // When
            Answer answer = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            // Then
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.head()).as(path).containsIgnoringCase("Content-Type: text/plain")
                    .containsIgnoringCase("X-Drover-Request-Id:");
            assertThat(answer.body()).as(path).isEqualTo("404 page not found");
        }
    }

    @Test
    void shouldKeepALargeBodyInAFileWhileItArrivesAndCloseItWhenTheClientLeaves() throws Exception {
        // Given: no body file open
        assertThat(OpenFiles.named("drover-body-")).isZero();

        // When: two uploads, declared and chunked, have sent 1 MB each and go on
        try (Socket declared = socket(); Socket chunked = socket()) {
            declared.getOutputStream().write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + 8 * MB
                    + "\r\n\r\n" + "x".repeat(MB)).getBytes(StandardCharsets.US_ASCII));
            chunked.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n100000\r\n" + "x".repeat(MB) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            // Then: each is in a file of its own (Linux names an open file taken out of its directory "(deleted)"),
            // and none is left in the directory
            await("both bodies in files", () -> OpenFiles.named("drover-body-") == 2);
            try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertThat(files.map(Path::toString)).noneMatch(name -> name.contains("drover-body-"));
            }
        }

        // Then: once the clients have gone, the files are closed
        await("body files closed", () -> OpenFiles.named("drover-body-") == 0);
    }

    @Test
    void shouldLogWhatClientsCauseAtWarnWithinABudget() throws IOException {
        // Given
        logged.clear();

        // When: many requests without Host, with broken chunks, and an oversized frame on a relay door before HELLO
        for (int i = 0; i < 20; i++) {
            exchange("GET /api/tags HTTP/1.1\r\n\r\n");
            exchange("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        }
        oversizedFrameBeforeHello();

        // Then: no ERROR, no stack trace, and a handful of WARN lines, not one per request
        List<LogRecord> faults = logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(r -> !r.getLoggerName().startsWith("drover.fleet")
                        && !r.getLoggerName().startsWith("drover.resilience"))
                .toList();
        assertThat(faults).noneMatch(r -> r.getLevel().intValue() > Level.WARNING.intValue());
        assertThat(faults).noneMatch(r -> r.getThrown() != null);
        assertThat(faults).hasSizeLessThanOrEqualTo(8);
    }

    private void oversizedFrameBeforeHello() throws IOException {
        try (Socket socket = socket()) {
            String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer frame = ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127))
                    .putLong(100L * MB).putInt(0);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /relay/connect HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(frame.array());
            out.write(new byte[256 * 1024]);
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            // The gateway hung up on the frame, as it should.
        }
    }

    private static LoggedRequest last(List<LoggedRequest> requests) {
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    private Answer chunked(String requestLine, String headers, int size) throws IOException {
        return raw().chunked(requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + headers, size);
    }

    private Answer exchange(String request) throws IOException {
        return raw().exchange(request);
    }

    private Socket socket() throws IOException {
        return raw().socket();
    }

    private RawHttp raw() {
        return new RawHttp(root.getHost(), root.getPort());
    }
}
