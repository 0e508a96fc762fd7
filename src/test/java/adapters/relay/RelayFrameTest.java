package adapters.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import adapters.relay.RelayFrame.MalformedFrameException;
import adapters.relay.RelayFrame.Type;

/** The relay's wire format: what goes out comes back the same, and what breaks the protocol is refused. */
class RelayFrameTest {

    @Test
    void shouldCarryARequestHeadAndBodyOnItsStream() {
        ByteBuffer body = ByteBuffer.wrap("{\"model\":\"llama3.2\"}".getBytes(StandardCharsets.UTF_8));
        RelayFrame sent = RelayFrame.request(7, "{\"method\":\"POST\",\"path\":\"/api/chat\",\"headers\":[]}", body);

        RelayFrame received = RelayFrame.decode(sent.encode());

        assertThat(received.type()).isEqualTo(Type.REQUEST);
        assertThat(received.stream()).isEqualTo(7);
        assertThat(received.requestHead()).isEqualTo("{\"method\":\"POST\",\"path\":\"/api/chat\",\"headers\":[]}");
        assertThat(StandardCharsets.UTF_8.decode(received.requestBody()).toString())
                .isEqualTo("{\"model\":\"llama3.2\"}");
    }

    @Test
    void shouldCarryChunksBytesUnchangedAndCreditsAsCounts() {
        byte[] chunk = {0, 1, 2, (byte) 0xff, '\n'};
        RelayFrame data = RelayFrame.decode(new RelayFrame(Type.RESPONSE_CHUNK, 3, ByteBuffer.wrap(chunk)).encode());
        RelayFrame credit = RelayFrame.decode(RelayFrame.credit(3, 16).encode());

        byte[] back = new byte[data.payload().remaining()];
        data.payload().duplicate().get(back);
        assertThat(back).containsExactly(chunk);
        assertThat(credit.credit()).isEqualTo(16);
        assertThat(RelayFrame.decode(RelayFrame.text(Type.HELLO, 0, "{\"name\":\"gpu\"}").encode()).text())
                .isEqualTo("{\"name\":\"gpu\"}");
    }

    @Test
    void shouldRefuseFramesThatBreakTheProtocol() {
        assertThatThrownBy(() -> RelayFrame.decode(ByteBuffer.wrap(new byte[]{0x21, 0, 0})))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("shorter than its header");
        assertThatThrownBy(() -> RelayFrame.decode(ByteBuffer.wrap(new byte[]{0x7f, 0, 0, 0, 1})))
                .hasMessageContaining("unknown frame type 0x7f");
        assertThatThrownBy(() -> RelayFrame.decode(RelayFrame.text(Type.HELLO, 4, "{}").encode()))
                .hasMessageContaining("HELLO on stream 4");
        assertThatThrownBy(() -> RelayFrame.decode(new RelayFrame(Type.RESPONSE_END, 0, null).encode()))
                .hasMessageContaining("RESPONSE_END on stream 0");
        assertThatThrownBy(() -> RelayFrame.decode(new RelayFrame(Type.CREDIT, 2, ByteBuffer.allocate(4)).encode()))
                .hasMessageContaining("positive");
        ByteBuffer lying = ByteBuffer.allocate(RelayFrame.HEADER_BYTES + 6).put((byte) 0x10).putInt(1).putInt(99)
                .put((byte) '{').put((byte) '}').flip();
        assertThatThrownBy(() -> RelayFrame.decode(lying)).hasMessageContaining("head length 99 does not fit");
    }
}
