package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import core.MalformedRequestException;

/** What routing reads from a body, wherever the body's bytes lie: the model and where it is, for an alias's rename. */
class ModelFieldTest {

    private static final String BODY = "{\"stream\":false,\"model\":\"llama3\",\"prompt\":\"hi\"}";

    @Test
    void shouldPlaceTheModelFromTheBodysFirstByteWhenTheBodyLiesInsideALargerArray() {
        // Given: the body as the middle of a larger array (offset and reader index both past its start)
        Buffer body = Buffer.buffer(Unpooled.wrappedBuffer(("xxxx" + BODY + "yyyy").getBytes(StandardCharsets.UTF_8))
                .slice(2, BODY.length() + 2).skipBytes(2));

        // When
        ModelField.Fields fields = ModelField.read(body);

        // Then: the span is the quoted name's, counted from the body's first byte
        assertThat(fields.model()).isEqualTo("llama3");
        assertThat(BODY.substring(fields.modelStart(), fields.modelEnd())).isEqualTo("\"llama3\"");
    }

    @Test
    void shouldReadABodyOutsideTheHeapTheSameWay() {
        // Given: a body in direct memory, which has no array
        Buffer body = Buffer.buffer(Unpooled.directBuffer().writeBytes(BODY.getBytes(StandardCharsets.UTF_8)));

        // When
        ModelField.Fields fields = ModelField.read(body);

        // Then
        assertThat(fields.model()).isEqualTo("llama3");
        assertThat(BODY.substring(fields.modelStart(), fields.modelEnd())).isEqualTo("\"llama3\"");
    }

    @Test
    void shouldRefuseWhatFollowsTheObjectWithinTheBodyButNotTheBytesAfterIt() {
        // Given: trailing data inside the body; then a whole body followed by other bytes of its array
        Buffer trailing = Buffer.buffer(BODY + "{}");
        Buffer slice = Buffer.buffer(Unpooled.wrappedBuffer((BODY + "{}").getBytes(StandardCharsets.UTF_8))
                .slice(0, BODY.length()));

        // Then
        assertThatThrownBy(() -> ModelField.read(trailing)).isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("unexpected data after the JSON object");
        assertThat(ModelField.read(slice).model()).isEqualTo("llama3");
    }
}
