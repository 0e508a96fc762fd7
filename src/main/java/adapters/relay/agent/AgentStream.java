package adapters.relay.agent;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import adapters.relay.RelayFrame;
import adapters.relay.RelayFrame.Type;

/**
 * One request the agent serves: sent to the local Ollama, its head and each chunk sent back on the link as they come.
 * When the stream's credit runs out the agent stops reading from Ollama (its own backpressure holds) until the gateway
 * grants more. Confined to its own event loop context (its lane): calls from the link's event loop hop onto it.
 */
final class AgentStream {

    private final RelayAgent agent;
    private final int id;
    private final Context lane;
    private int credit;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private volatile boolean paused;
    private boolean done;

    AgentStream(RelayAgent agent, int id, int credit, Context lane) {
        this.agent = agent;
        this.id = id;
        this.credit = credit;
        this.lane = lane;
    }

    void start(HttpClient node, URI ollama, JsonObject head, ByteBuffer body) {
        lane.runOnContext(v -> send(node, ollama, head, body));
    }

    private void send(HttpClient node, URI ollama, JsonObject head, ByteBuffer body) {
        String base = ollama.getRawPath() == null ? "" : ollama.getRawPath().replaceAll("/+$", "");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(head.getString("method", "GET")))
                .setHost(ollama.getHost()).setPort(ollama.getPort() > 0
                        ? ollama.getPort()
                        : "https".equals(ollama.getScheme()) ? 443 : 80)
                .setURI(base + head.getString("path", "/")).setFollowRedirects(false);
        JsonArray headers = head.getJsonArray("headers", new JsonArray());
        for (int i = 0; i < headers.size(); i++) {
            JsonArray pair = headers.getJsonArray(i);
            String name = pair.getString(0);
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                options.addHeader(name, pair.getString(1));
            }
        }
        Buffer payload = Buffer.buffer(Unpooled.wrappedBuffer(body));
        node.request(options).onComplete(ar -> {
            if (ar.failed()) {
                fail("cannot reach the node at " + ollama + ": " + ar.cause().getMessage());
                return;
            }
            request = ar.result();
            if (done) {
                request.reset();
                return;
            }
            request.send(payload).onComplete(answer -> {
                if (answer.failed()) {
                    fail("the node failed: " + answer.cause().getMessage());
                } else {
                    relay(answer.result());
                }
            });
        });
    }

    private void relay(HttpClientResponse answer) {
        response = answer;
        if (done) {
            request.reset();
            return;
        }
        JsonArray headers = new JsonArray();
        for (Map.Entry<String, String> header : answer.headers()) {
            headers.add(new JsonArray().add(header.getKey()).add(header.getValue()));
        }
        agent.send(RelayFrame.text(Type.RESPONSE_HEAD, id, new JsonObject().put("status", answer.statusCode())
                .put("headers", headers).encode()));
        answer.handler(chunk -> {
            agent.send(new RelayFrame(Type.RESPONSE_CHUNK, id, chunk.getByteBuf().nioBuffer()));
            credit--;
            if (credit <= 0 && !paused) {
                paused = true;
                answer.pause();
            }
        });
        answer.endHandler(v -> {
            if (!done) {
                done = true;
                agent.send(new RelayFrame(Type.RESPONSE_END, id, null));
                agent.finished(id);
            }
        });
        answer.exceptionHandler(e -> fail("the node cut its answer: " + e.getMessage()));
    }

    /** Out of credit: the gateway's client is not reading, so neither is the agent. */
    boolean paused() {
        return paused;
    }

    void credit(int chunks) {
        lane.runOnContext(v -> granted(chunks));
    }

    private void granted(int chunks) {
        credit += chunks;
        if (paused && credit > 0 && response != null) {
            paused = false;
            response.resume();
        }
    }

    /** The gateway's client left, or the link is gone: the node sees its client leave. */
    void cancel() {
        lane.runOnContext(v -> cancelled());
    }

    private void cancelled() {
        if (done) {
            return;
        }
        done = true;
        if (request != null) {
            request.reset();
        }
    }

    private void fail(String message) {
        if (done) {
            return;
        }
        done = true;
        agent.send(RelayFrame.text(Type.ERROR, id, message));
        agent.finished(id);
    }
}
