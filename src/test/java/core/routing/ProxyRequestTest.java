package core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import core.fleet.ModelName;

class ProxyRequestTest {

    @Test
    void shouldReplaceTheClientsTraceHeadersWithTheAttemptsAndKeepTheRest() {
        // Given: a client request inside a trace
        ProxyRequest request = ProxyRequest.forModel("r1", "POST", "/api/chat",
                List.of(new Header("TraceParent", "00-aa-bb-01"), new Header("Accept", "application/json")),
                ByteBuffer.wrap("{}".getBytes()), ModelName.requested("llama3.2"));

        // When
        ProxyRequest sent = request.withTraceHeaders(List.of(new Header("traceparent", "00-aa-cc-01")));

        // Then
        assertThat(sent.headers()).containsExactly(new Header("Accept", "application/json"),
                new Header("traceparent", "00-aa-cc-01"));
        assertThat(request.withTraceHeaders(List.of())).isSameAs(request);
    }
}
