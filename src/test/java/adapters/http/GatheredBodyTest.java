package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class GatheredBodyTest {

    @Test
    void shouldGiveBackOffTheHeapExactlyTheBytesItTookAcrossPieces() {
        // Given: a first part gathered on the heap, then chunks of odd sizes that straddle the pieces
        byte[] sent = new byte[3 * GatheredBody.OffHeap.PIECE + 12_345];
        new Random(7).nextBytes(sent);
        GatheredBody.Chunks first = new GatheredBody.Chunks();
        first.add(Buffer.buffer(java.util.Arrays.copyOfRange(sent, 0, 10_000)));
        first.add(Buffer.buffer(java.util.Arrays.copyOfRange(sent, 10_000, 20_000)));
        GatheredBody.OffHeap body = new GatheredBody.OffHeap();

        // When
        body.takeOver(first);
        for (int at = 20_000; at < sent.length; at += 40_000) {
            body.add(Buffer.buffer(java.util.Arrays.copyOfRange(sent, at, Math.min(sent.length, at + 40_000))));
        }

        // Then
        assertThat(body.length()).isEqualTo(sent.length);
        assertThat(body.whole().getBytes()).isEqualTo(sent);
        body.release();
        body.release(); // a second release changes nothing
        assertThat(body.length()).isEqualTo(sent.length);
    }
}
