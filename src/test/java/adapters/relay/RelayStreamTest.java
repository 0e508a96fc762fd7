package adapters.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.json.JsonObject;

class RelayStreamTest {

    @Test
    void shouldCompleteAnAnswerWhoseEndArrivedBeforeTheLinkWasLost() {
        // Given: the agent sent the head, the last line and the end; the client has not read the line yet
        RelayStream stream = headAndLine("{\"done\":true}\n");
        stream.end();

        // When: the link goes (an agent that drains closes it as soon as its last answer is sent), then the client reads
        stream.fail("the relay link to the agent was lost");
        List<String> seen = read(stream);

        // Then: the whole answer, not an error
        assertThat(seen).containsExactly("{\"done\":true}\n", "complete");
    }

    @Test
    void shouldFailAnAnswerCutBeforeItsEnd() {
        // Given: a line arrived, the end did not
        RelayStream stream = headAndLine("{\"done\":false}\n");

        // When
        stream.fail("the relay link to the agent was lost");
        List<String> seen = read(stream);

        // Then: what arrived, then the error
        assertThat(seen).containsExactly("{\"done\":false}\n", "error: node 'gpu-relay' failed: the relay link to the agent was lost");
    }

    /** A stream of request 1 on a link to gpu-relay that has received a 200 head and then {@code line}. */
    private static RelayStream headAndLine(String line) {
        RelayStream stream = new RelayStream(new RelayLink("gpu-relay", unused(), "127.0.0.1", new JsonObject()), 1,
                100);
        stream.head("{\"status\":200,\"headers\":[]}");
        stream.chunk(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        return stream;
    }

    private static List<String> read(RelayStream stream) {
        List<String> seen = new ArrayList<>();
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                seen.add(StandardCharsets.UTF_8.decode(item).toString());
            }

            @Override
            public void onError(Throwable throwable) {
                seen.add("error: " + throwable.getMessage());
            }

            @Override
            public void onComplete() {
                seen.add("complete");
            }
        });
        return seen;
    }

    /** A connection these tests never use: a stream reading within its credit sends nothing. */
    private static WebSocketConnection unused() {
        return (WebSocketConnection) Proxy.newProxyInstance(RelayStreamTest.class.getClassLoader(),
                new Class<?>[]{WebSocketConnection.class}, (proxy, method, args) -> {
                    throw new AssertionError("the connection was used: " + method.getName());
                });
    }
}
