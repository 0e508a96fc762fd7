package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class UsageTapTest {

    private static final String OLLAMA_END = "{\"model\":\"m\",\"done\":true,\"prompt_eval_count\":26,"
            + "\"eval_count\":290,\"load_duration\":5000000,\"eval_duration\":4709213000}\n";

    @Test
    void shouldReadTheCountsOfAShortAnswerHoldingOnlyAsMuchAsItNeeds() {
        // Given: a small non-streamed answer, the common case of a tiny request
        UsageTap tap = new UsageTap();

        // When
        tap.accept(bytes(OLLAMA_END));

        // Then: its counts, from a buffer of a few hundred bytes rather than the whole window
        assertThat(tap.usage()).isEqualTo(new UsageTap.Usage(26, 290, 5, 4709213000L));
        assertThat(tap.retained()).isLessThanOrEqualTo(512);
    }

    @Test
    void shouldReadTheLastCountsOfALongStreamWhateverItsChunks() {
        // Given: a streamed answer of many lines, longer than the window, whose counts come in the last line
        UsageTap tap = new UsageTap();
        String line = "{\"model\":\"m\",\"response\":\"token\",\"done\":false}\n";
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            all.append(line);
        }
        all.append(OLLAMA_END);

        // When: it arrives in chunks of uneven sizes, one of them empty, some splitting lines and counts
        byte[] answer = all.toString().getBytes(StandardCharsets.ISO_8859_1);
        int[] sizes = {0, 7, 1, 300, 4100, 13, 900};
        int at = 0;
        for (int i = 0; at < answer.length; i++) {
            int size = Math.min(sizes[i % sizes.length], answer.length - at);
            tap.accept(ByteBuffer.wrap(answer, at, size));
            at += size;
        }

        // Then: the final counts, within the fixed window
        assertThat(tap.usage()).isEqualTo(new UsageTap.Usage(26, 290, 5, 4709213000L));
        assertThat(tap.retained()).isEqualTo(UsageTap.WINDOW);
    }

    @Test
    void shouldReadOpenAiUsageAtTheEndOfOneLargeChunk() {
        // Given: one chunk longer than the window, its usage at the end
        String body = "{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(9000) + "\"}}],"
                + "\"usage\":{\"prompt_tokens\": 12,\"completion_tokens\":3}}";
        UsageTap tap = new UsageTap();

        // When
        tap.accept(bytes(body));

        // Then
        assertThat(tap.usage()).isEqualTo(new UsageTap.Usage(12, 3, -1, -1));
    }

    @Test
    void shouldSayNothingOfAnAnswerWithoutCounts() {
        UsageTap tap = new UsageTap();
        tap.accept(bytes("{\"error\":\"model 'x' not found\"}"));
        assertThat(tap.usage()).isEqualTo(new UsageTap.Usage(-1, -1, -1, -1));
        assertThat(new UsageTap().usage()).isEqualTo(new UsageTap.Usage(-1, -1, -1, -1));
    }

    @Test
    void shouldReadCountsPrettyPrintedWithAnyOfJsonsWhiteSpace() {
        // Given: an OpenAI-compatible server that indents its JSON
        UsageTap tap = new UsageTap();

        // When
        tap.accept(bytes("{\n  \"choices\": [],\n  \"usage\": {\n\t\"prompt_tokens\" :\t12,\r\n"
                + "\t\"completion_tokens\"\n: 3\n  }\n}\n"));

        // Then
        assertThat(tap.usage()).isEqualTo(new UsageTap.Usage(12, 3, -1, -1));
    }

    @Test
    void shouldReadTheSameCountsTwiceAndKeepTakingTheAnswerAfterward() {
        // Given: a tap that has wrapped around its window
        UsageTap tap = new UsageTap();
        tap.accept(bytes("x".repeat(5000) + OLLAMA_END));
        assertThat(tap.usage()).isEqualTo(new UsageTap.Usage(26, 290, 5, 4709213000L));

        // When: read again, and read after more of the answer
        UsageTap.Usage again = tap.usage();
        tap.accept(bytes("{\"prompt_eval_count\":1,\"eval_count\":2}"));

        // Then
        assertThat(again).isEqualTo(new UsageTap.Usage(26, 290, 5, 4709213000L));
        assertThat(tap.usage()).isEqualTo(new UsageTap.Usage(1, 2, 5, 4709213000L));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
