package adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import core.fleet.ModelName;

class SimulatedOllamaTest {

    private static final String CHAT = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedOllama sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        vertx.close();
    }

    @Test
    void shouldKeepServingWhenTokensAreInstantAndSlotsAreFew() throws Exception {
        // Given
        start(SimSettings.named("n").withTokens(3, Duration.ZERO).withParallel(1));

        // When
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(post("/api/chat", CHAT + ",\"stream\":false}").statusCode());
        }

        // Then
        assertThat(statuses).containsOnly(200);
        assertThat(sim.stats().completed()).isEqualTo(5);
    }

    @Test
    void shouldQueueRequestsBeyondTheModelsParallelSlots() {
        // Given: one slot, each answer takes about 160 ms (4 gaps of 40 ms)
        start(SimSettings.named("n").withTokens(5, Duration.ofMillis(40)).withParallel(1));
        long start = System.nanoTime();

        // When
        CompletableFuture<Long> first = postAsync(CHAT + ",\"stream\":false}").thenApply(r -> elapsedMs(start));
        CompletableFuture<Long> second = postAsync(CHAT + ",\"stream\":false}").thenApply(r -> elapsedMs(start));

        // Then
        long last = Math.max(first.join(), second.join());
        assertThat(last).as("the second answer waits for the first").isGreaterThanOrEqualTo(300);
    }

    @Test
    void shouldListAModelInPsFromTheStartOfItsColdLoad() throws Exception {
        // Given
        start(SimSettings.named("n").withLoadDelay(Duration.ofMillis(400)).withTokens(2, Duration.ZERO));

        // When
        CompletableFuture<HttpResponse<String>> answer = postAsync(CHAT + ",\"stream\":false}");
        Thread.sleep(100);
        String duringLoad = get("/api/ps").body();
        JsonObject done = new JsonObject(answer.join().body());

        // Then
        assertThat(duringLoad).contains("llama3.2:latest");
        assertThat(done.getLong("load_duration")).isGreaterThanOrEqualTo(350_000_000L);
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedIdleModelWhenMemoryIsFull() throws Exception {
        // Given: room for two models; llama3.2 used first, then qwen3:8b
        start(SimSettings.named("n").withModels(List.of("llama3.2", "qwen3:8b", "mistral")).withMaxLoaded(2)
                .withLoadDelay(Duration.ofMillis(50)).withTokens(2, Duration.ZERO));
        post("/api/chat", chat("llama3.2"));
        post("/api/chat", chat("qwen3:8b"));

        // When: a third model is asked for
        JsonObject third = new JsonObject(post("/api/chat", chat("mistral")).body());
        String ps = get("/api/ps").body();
        JsonObject again = new JsonObject(post("/api/chat", chat("qwen3:8b")).body());

        // Then: it loaded in place of llama3.2, the least recently used; qwen3:8b stayed warm
        assertThat(third.getLong("load_duration")).isGreaterThanOrEqualTo(40_000_000L);
        assertThat(ps).contains("mistral", "qwen3:8b").doesNotContain("llama3.2");
        assertThat(again.getLong("load_duration")).isLessThan(40_000_000L);
        assertThat(sim.stats().loads()).isEqualTo(3);
        assertThat(sim.stats().evictions()).isEqualTo(1);
    }

    @Test
    void shouldMakeAColdModelWaitWhileEveryLoadedModelIsBusy() throws Exception {
        // Given: room for one model, busy for about 400 ms
        start(SimSettings.named("n").withMaxLoaded(1).withParallel(1).withTokens(5, Duration.ofMillis(100)));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> busy = postAsync(chat("llama3.2"));
        Thread.sleep(100);

        // When: another model is asked for meanwhile
        CompletableFuture<Long> other = postAsync(chat("qwen3:8b")).thenApply(r -> elapsedMs(start));
        Thread.sleep(100);
        String psWhileWaiting = get("/api/ps").body();

        // Then: the model in use is not evicted; the other loads once it is idle
        assertThat(psWhileWaiting).contains("llama3.2").doesNotContain("qwen3");
        assertThat(busy.join().statusCode()).isEqualTo(200);
        assertThat(other.join()).isGreaterThanOrEqualTo(400);
        assertThat(get("/api/ps").body()).contains("qwen3:8b").doesNotContain("llama3.2");
    }

    @Test
    void shouldHoldRequestsForALoadedModelBehindAColdOneWaitingForRoom() throws Exception {
        // Given: room for one model; llama3.2 busy for about 400 ms, then qwen3:8b asked for (it waits for room)
        start(SimSettings.named("n").withMaxLoaded(1).withParallel(2).withTokens(4, Duration.ofMillis(100)));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> busy = postAsync(chat("llama3.2"));
        Thread.sleep(50);
        CompletableFuture<HttpResponse<String>> cold = postAsync(chat("qwen3:8b"));
        Thread.sleep(50);

        // When: another request for the loaded model, which has a free slot
        CompletableFuture<Long> behind = postAsync(chat("llama3.2")).thenApply(r -> elapsedMs(start));

        // Then: it waited behind the cold model (Ollama's scheduler takes requests in order), and found llama3.2
        // pushed out by then: it loaded it again
        assertThat(busy.join().statusCode()).isEqualTo(200);
        assertThat(cold.join().statusCode()).isEqualTo(200);
        assertThat(behind.join()).isGreaterThanOrEqualTo(700);
        assertThat(sim.stats().loads()).isEqualTo(3);
    }

    @Test
    void shouldLoadAndRunEachModelAtItsOwnPace() throws Exception {
        // Given: qwen3:8b loads in 300 ms and runs one request at a time; the others load at once, four at a time
        start(SimSettings.named("n").withTokens(3, Duration.ofMillis(100))
                .withPerModel(Map.of(ModelName.of("qwen3:8b"), Duration.ofMillis(300)),
                        Map.of(ModelName.of("qwen3:8b"), 1)));

        // When
        JsonObject quick = new JsonObject(post("/api/chat", chat("llama3.2")).body());
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> first = postAsync(chat("qwen3:8b"));
        while (sim.stats().active() == 0) {
            Thread.sleep(5); // the first must reach the node first: two new connections may arrive in either order
        }
        CompletableFuture<Long> second = postAsync(chat("qwen3:8b")).thenApply(r -> elapsedMs(start));

        // Then
        assertThat(quick.getLong("load_duration")).isLessThan(100_000_000L);
        assertThat(new JsonObject(first.join().body()).getLong("load_duration")).isGreaterThanOrEqualTo(290_000_000L);
        assertThat(second.join()).as("the second waited for the only slot").isGreaterThanOrEqualTo(600);
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stream\":false}";
    }

    @Test
    void shouldChargeOnlyThePartOfAPromptThatNoSlotHasCached() throws Exception {
        // Given: 1 ms per uncached prompt token
        start(SimSettings.named("gpu-x").withTokens(2, Duration.ZERO).withPromptTokenMicros(1000));
        String opening = "{\"role\":\"user\",\"content\":\"" + "word ".repeat(200) + "\"}";

        // When: a first turn, then the next turn of the same conversation
        HttpResponse<String> first = post("/api/chat", "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":["
                + opening + "]}");
        HttpResponse<String> next = post("/api/chat", "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":["
                + opening + ",{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"more\"}]}");

        // Then
        assertThat(new JsonObject(first.body()).getLong("prompt_eval_duration")).isEqualTo(200_000_000L);
        assertThat(new JsonObject(next.body()).getLong("prompt_eval_duration")).isBetween(1_000_000L, 3_000_000L);
        assertThat(sim.stats().promptNanos()).isBetween(201_000_000L, 203_000_000L);
    }

    @Test
    void shouldStreamNdjsonUnlessTheClientSaysStreamFalse() throws Exception {
        // Given
        start(SimSettings.named("gpu-x").withTokens(4, Duration.ZERO));

        // When
        HttpResponse<String> streamed = post("/api/chat", CHAT + "}");
        HttpResponse<String> whole = post("/api/chat", CHAT + ",\"stream\":false}");

        // Then
        assertThat(streamed.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        assertThat(streamed.body().lines().toList()).hasSize(5).last().asString().contains("\"done\":true");
        assertThat(whole.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(new JsonObject(whole.body()).getJsonObject("message").getString("content")).contains("gpu-x");
    }

    @Test
    void shouldUseOllamasExactErrorWording() throws Exception {
        // Given
        start(SimSettings.named("n"));

        // When / Then
        assertError(post("/api/generate", "{\"model\":\"nope\",\"prompt\":\"x\"}"), 404, "model 'nope' not found");
        assertError(post("/api/embed", "{\"model\":\"nope\",\"input\":\"x\"}"), 404,
                "model \"nope\" not found, try pulling it first");
        assertError(post("/api/chat", "{\"messages\":[]}"), 400, "model is required");
        assertError(post("/api/chat", ""), 400, "missing request body");
        assertError(post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":\"x\"}"), 400,
                "json: cannot unmarshal string into Go struct field ChatRequest.messages of type []api.Message");
        assertThat(get("/api/chat").statusCode()).isEqualTo(405);
        assertThat(get("/api/nothing").body()).isEqualTo("404 page not found");
    }

    @Test
    void shouldSpeakOpenAiServerSentEvents() throws Exception {
        // Given
        start(SimSettings.named("n").withTokens(3, Duration.ZERO));

        // When
        String body = post("/v1/chat/completions", "{\"model\":\"llama3.2\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .body();

        // Then
        List<String> frames = body.lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(frames).hasSize(3 + 1 + 1 + 1);
        assertThat(frames.get(0)).contains("\"role\":\"assistant\"");
        assertThat(frames.get(1)).doesNotContain("\"role\"");
        assertThat(frames.get(3)).contains("\"delta\":{}", "\"finish_reason\":\"stop\"");
        assertThat(frames.get(4)).contains("\"choices\":[]", "\"usage\"");
        assertThat(frames.get(5)).isEqualTo("data: [DONE]");
    }

    @Test
    void shouldAnswerBusyBeyondTheConfiguredLimit() throws Exception {
        // Given
        start(SimSettings.named("n"));
        sim.faults().hang(true).busyBeyond(1);
        postAsync(CHAT + "}");
        Thread.sleep(100);

        // When
        HttpResponse<String> second = post("/api/chat", CHAT + "}");

        // Then
        assertError(second, 503, "server busy, please try again.  maximum pending requests exceeded");
    }

    private void start(SimSettings settings) {
        sim = SimulatedOllama.start(vertx, settings);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.url() + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http
                .sendAsync(HttpRequest.newBuilder(URI.create(sim.url() + "/api/chat")).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo(message);
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
