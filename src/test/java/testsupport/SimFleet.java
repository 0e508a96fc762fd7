package testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;

/**
 * The fleet the gateway tests run against: three simulated Ollama nodes in this JVM and one WireMock node ("odd")
 * that misbehaves on purpose. Fast health checks so that failover shows within a second.
 * <ul>
 * <li>node-a: llama3.2, qwen3:8b; 6 tokens at 5 ms</li>
 * <li>node-b: llama3.2, all-minilm; 6 tokens at 5 ms; {@code type: auto}</li>
 * <li>node-c: llama3.2, phi3:mini; 10 tokens at 40 ms (the pacing node)</li>
 * <li>odd: broken:latest; /api/chat resets the connection, /api/generate stalls mid-stream</li>
 * <li>vllm: an OpenAI-type node behind a bearer token, URL with /v1, probed at /health (see {@link OpenAiNodes})</li>
 * <li>vllm-wrong-token: the same server with a wrong token: it stays down, answering 401</li>
 * <li>llamacpp: {@code type: auto}, found to be OpenAI-compatible by its /v1/models</li>
 * <li>node-d: tinyllama; 10 tokens at 50 ms; {@code max_concurrency: 2}, with a queue of 4 in front</li>
 * </ul>
 */
public final class SimFleet implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, SimulatedOllama> NODES = new HashMap<>();
    /** The gateway's relay secret in these tests. */
    public static final String RELAY_SECRET = "a-relay-secret-for-the-gateway-tests";
    public static WireMockServer odd;
    public static WireMockServer vllm;
    public static WireMockServer llamaCpp;
    private static Vertx vertx;

    public static SimulatedOllama node(String name) {
        return NODES.get(name);
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        start("node-a", List.of("llama3.2", "qwen3:8b"), 6, 5);
        start("node-b", List.of("llama3.2", "all-minilm"), 6, 5);
        start("node-c", List.of("llama3.2", "phi3:mini"), 10, 40);
        odd = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        odd.start();
        stubOdd();
        Map<String, String> config = new HashMap<>();
        int i = 0;
        for (String name : List.of("node-a", "node-b", "node-c")) {
            endpoint(config, i++, name, NODES.get(name).url());
        }
        start("node-d", List.of("tinyllama"), 10, 50);
        String limited = endpoint(config, 7, "node-d", NODES.get("node-d").url());
        config.put(limited + "max_concurrency", "2");
        config.put("proxy.queue.max_size", "4");
        config.put("proxy.queue.max_wait", "5s");
        // node-b is left for the first probe to recognise as Ollama.
        config.put("discovery.static.endpoints[1].type", "auto");
        endpoint(config, i++, "odd", "http://127.0.0.1:" + odd.port());
        vllm = OpenAiNodes.vllm();
        llamaCpp = OpenAiNodes.llamaCpp();
        String vllmKey = endpoint(config, i++, "vllm", "http://127.0.0.1:" + vllm.port() + "/v1");
        config.put(vllmKey + "type", "openai");
        config.put(vllmKey + "health_path", "/health");
        config.put(vllmKey + "auth.token", OpenAiNodes.VLLM_TOKEN);
        String wrongKey = endpoint(config, i++, "vllm-wrong-token", "http://127.0.0.1:" + vllm.port());
        config.put(wrongKey + "type", "openai");
        config.put(wrongKey + "auth.type", "header");
        config.put(wrongKey + "auth.header_name", "Authorization");
        config.put(wrongKey + "auth.token", "Bearer not-the-token");
        String autoKey = endpoint(config, i, "llamacpp", "http://127.0.0.1:" + llamaCpp.port());
        config.put(autoKey + "type", "auto");
        // These tests are about failover, limits and protocols, and expect tied nodes to take turns; the warm-first
        // default, which keeps a model where it is loaded, has WarmFirstIT.
        config.put("proxy.load_balancer", "least-connections");
        // Most tests here send the same chat again and again and look at where each one goes: a session would keep
        // them all on one node. Session affinity has its own tests (ModelRoutesIT, SessionAffinityTest).
        config.put("proxy.affinity.enabled", "false");
        config.put("discovery.model_refresh_interval", "2s");
        config.put("discovery.health.unhealthy_threshold", "2");
        config.put("discovery.health.healthy_threshold", "1");
        config.put("discovery.health.max_backoff", "400ms");
        config.put("proxy.first_byte_timeout", "1500ms");
        config.put("proxy.idle_timeout", "1s");
        config.put("server.body_timeout", "1500ms");
        config.put("discovery.relay.enabled", "true");
        config.put("discovery.relay.secret", RELAY_SECRET);
        config.put("discovery.relay.heartbeat_ttl", "700ms");
        config.put("discovery.relay.heartbeat_expiry", "1500ms");
        config.put("proxy.circuit_breaker.window", "4");
        config.put("proxy.circuit_breaker.delay", "600ms");
        config.put("proxy.circuit_breaker.success_threshold", "1");
        return config;
    }

    private static void start(String name, List<String> models, int tokens, long tokenMs) {
        SimSettings settings = SimSettings.named(name).withModels(models).withTokens(tokens,
                Duration.ofMillis(tokenMs));
        NODES.put(name, SimulatedOllama.start(vertx, settings));
    }

    private static String endpoint(Map<String, String> config, int index, String name, String url) {
        String key = "discovery.static.endpoints[" + index + "].";
        config.put(key + "name", name);
        config.put(key + "url", url);
        config.put(key + "check_interval", "200ms");
        config.put(key + "check_timeout", "1s");
        return key;
    }

    /** What a WireMock node answers to Drover's probe and model refresh: Ollama 0.11.4 listing {@code model}. */
    public static void stubOllamaNode(WireMockServer node, String model) {
        node.stubFor(get("/api/version").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"version\":\"0.11.4\"}")));
        node.stubFor(get("/api/tags").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"models\":[{\"name\":\"" + model + "\",\"model\":\"" + model + "\","
                        + "\"modified_at\":\"2025-01-01T00:00:00Z\",\"size\":1,\"digest\":\"00\",\"details\":{}}]}")));
        node.stubFor(get("/api/ps").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"models\":[]}")));
    }

    private static void stubOdd() {
        stubOllamaNode(odd, "broken:latest");
        odd.stubFor(post("/api/chat").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        odd.stubFor(post("/api/generate").willReturn(aResponse().withHeader("Content-Type", "application/x-ndjson")
                .withBody("{\"model\":\"broken\",\"response\":\"a\",\"done\":false}\n"
                        + "{\"model\":\"broken\",\"response\":\"b\",\"done\":false}\n")
                .withChunkedDribbleDelay(2, 3000)));
    }

    @Override
    public void stop() {
        NODES.values().forEach(SimulatedOllama::close);
        NODES.clear();
        for (WireMockServer server : new WireMockServer[]{odd, vllm, llamaCpp}) {
            if (server != null) {
                server.stop();
            }
        }
        if (vertx != null) {
            vertx.close();
        }
    }
}
