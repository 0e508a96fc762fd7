package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** The conversation's opening names it: later turns of a chat hash like the first. */
class SessionKeyTest {

    private static final String SYSTEM = "{\"role\":\"system\",\"content\":\"You are terse.\"}";
    private static final String FIRST = "{\"role\":\"user\",\"content\":\"Summarise this document.\"}";

    @Test
    void shouldHashEveryTurnOfAChatLikeItsFirst() {
        // Given
        long first = opening("{\"model\":\"m\",\"messages\":[" + SYSTEM + "," + FIRST + "]}");

        // When
        long third = opening("{\"messages\":[" + SYSTEM + "," + FIRST
                + ",{\"content\":\"Done.\",\"role\":\"assistant\"},{\"role\":\"user\",\"content\":\"Shorter.\"}],"
                + "\"model\":\"m\",\"stream\":true}");

        // Then
        assertThat(first).isNotZero().isEqualTo(third);
    }

    @Test
    void shouldTellConversationsWithAnotherFirstQuestionOrSystemPromptApart() {
        // When
        long one = opening("{\"messages\":[" + SYSTEM + "," + FIRST + "]}");
        long other = opening("{\"messages\":[" + SYSTEM + ",{\"role\":\"user\",\"content\":\"Translate it.\"}]}");
        long noSystem = opening("{\"messages\":[" + FIRST + "]}");

        // Then
        assertThat(one).isNotEqualTo(other).isNotEqualTo(noSystem);
    }

    @Test
    void shouldNameAMultimodalMessageByItsTextPartsAndACompletionByItsPromptsStart() {
        // When
        long parts = opening("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:x\"}}]}]}");
        long samePrompt = opening("{\"prompt\":\"" + "a".repeat(300) + "\"}");
        long longerPrompt = opening("{\"prompt\":\"" + "a".repeat(400) + " and more\"}");

        // Then
        assertThat(parts).isNotZero();
        assertThat(samePrompt).isNotZero().isEqualTo(longerPrompt);
        assertThat(opening("{\"model\":\"m\",\"input\":\"embed me\"}")).isZero();
    }

    private static long opening(String json) {
        return ModelField.read(Buffer.buffer(json)).opening();
    }
}
