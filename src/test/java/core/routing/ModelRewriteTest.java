package core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import core.fleet.ModelName;

class ModelRewriteTest {

    @Test
    void shouldNameTheServedModelInTheBodyInPlaceOfTheClientsName() {
        // Given
        String body = "{\"stream\":false,\"model\":\"chat\",\"messages\":[]}";
        int start = body.indexOf("\"chat\"");
        ProxyRequest request = ProxyRequest.forModel("id", "POST", "/api/chat", List.of(),
                ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), ModelName.of("chat"))
                .namingModelAt(new ProxyRequest.ModelSpan(start, start + 6));

        // When
        ProxyRequest served = request.servedAs(new ModelRoutes.Served(ModelName.of("llama3.3:70b"), "llama3.3:70b",
                false));

        // Then
        assertThat(StandardCharsets.UTF_8.decode(served.bodyView()).toString())
                .isEqualTo("{\"stream\":false,\"model\":\"llama3.3:70b\",\"messages\":[]}");
        assertThat(served.model()).isEqualTo(ModelName.of("llama3.3:70b"));
        assertThat(served.served().spelling()).isEqualTo("llama3.3:70b");
        assertThat(request.servedAs(new ModelRoutes.Served(ModelName.of("chat"), "chat", false))).isSameAs(request);
    }
}
