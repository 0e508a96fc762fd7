package testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WireMock servers posing as the OpenAI-compatible servers of a mixed fleet.
 * <ul>
 * <li>vllm: a vLLM-like server that requires {@code Authorization: Bearer vllm-secret-token} on every call (401 in
 * OpenAI's shape otherwise), answers {@code /health}, lists {@code meta-llama/Llama-3.1-8B-Instruct}, and serves
 * chat (plain and SSE) and embeddings.</li>
 * <li>llamacpp: a llama.cpp-like server with no {@code /api} at all (so {@code type: auto} must find
 * {@code /v1/models}), listing {@code qwen2.5-coder:7b} and serving completions.</li>
 * </ul>
 */
public final class OpenAiNodes {

    public static final String VLLM_TOKEN = "vllm-secret-token";
    public static final String VLLM_MODEL = "meta-llama/Llama-3.1-8B-Instruct";
    public static final String LLAMACPP_MODEL = "qwen2.5-coder:7b";
    private static final String JSON = "application/json";
    private static final String AUTHORIZED = "Bearer " + VLLM_TOKEN;

    private OpenAiNodes() {
    }

    public static WireMockServer vllm() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        // Anything without the right token: 401, as vLLM with --api-key answers.
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", JSON)
                        .withBody("{\"error\":{\"message\":\"Unauthorized\",\"type\":\"authentication_error\"}}")));
        server.stubFor(get("/health").withHeader("Authorization", equalTo(AUTHORIZED)).atPriority(1)
                .willReturn(aResponse().withStatus(200)));
        server.stubFor(get("/v1/models").withHeader("Authorization", equalTo(AUTHORIZED)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", JSON)
                        .withBody("{\"object\":\"list\",\"data\":[{\"id\":\""
                                + VLLM_MODEL + "\",\"object\":\"model\",\"created\":1721000000,\"owned_by\":\"vllm\","
                                + "\"max_model_len\":131072}]}")));
        server.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo(AUTHORIZED))
                .withRequestBody(containing("\"stream\":true")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse())
                        .withChunkedDribbleDelay(4, 400)));
        server.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo(AUTHORIZED)).atPriority(2)
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("{\"id\":\"chatcmpl-1\",\"object\":"
                        + "\"chat.completion\",\"created\":1721000001,\"model\":\"" + VLLM_MODEL + "\",\"choices\":"
                        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from vLLM\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,"
                        + "\"total_tokens\":8}}")));
        server.stubFor(post("/v1/embeddings").withHeader("Authorization", equalTo(AUTHORIZED)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("{\"object\":\"list\",\"data\":["
                        + "{\"object\":\"embedding\",\"embedding\":[0.1,0.2],\"index\":0},"
                        + "{\"object\":\"embedding\",\"embedding\":[0.3,0.4],\"index\":1}],\"model\":\"" + VLLM_MODEL
                        + "\",\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}")));
        return server;
    }

    public static WireMockServer llamaCpp() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get("/v1/models").willReturn(aResponse().withHeader("Content-Type", JSON)
                .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"" + LLAMACPP_MODEL + "\",\"object\":\"model\","
                        + "\"created\":1721000000,\"owned_by\":\"llamacpp\"}]}")));
        server.stubFor(post("/v1/completions").willReturn(aResponse().withHeader("Content-Type", JSON)
                .withBody("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1721000002,\"model\":\""
                        + LLAMACPP_MODEL + "\",\"choices\":[{\"text\":\" world\",\"index\":0,\"finish_reason\":"
                        + "\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")));
        return server;
    }

    /** Four SSE frames of a streamed chat, then {@code [DONE]}. */
    private static String sse() {
        StringBuilder body = new StringBuilder();
        String[] pieces = {"Hel", "lo", " there"};
        for (int i = 0; i < pieces.length; i++) {
            body.append("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1721000003,")
                    .append("\"model\":\"").append(VLLM_MODEL).append("\",\"choices\":[{\"index\":0,\"delta\":{")
                    .append(i == 0 ? "\"role\":\"assistant\"," : "").append("\"content\":\"").append(pieces[i])
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        body.append("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1721000003,")
                .append("\"model\":\"").append(VLLM_MODEL)
                .append("\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        return body.append("data: [DONE]\n\n").toString();
    }
}
