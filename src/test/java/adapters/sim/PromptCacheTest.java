package adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptCacheTest {

    @Test
    void shouldServeAConversationsNextTurnFromTheSlotThatHoldsItsHistory() {
        // Given: two conversations in two slots
        PromptCache cache = new PromptCache(2);
        String first = "system. " + "alpha ".repeat(10);
        int a = cache.take(first);
        cache.cached(a, first);
        cache.free(a);
        String other = "system. " + "beta ".repeat(10);
        int b = cache.take(other);
        cache.cached(b, other);
        cache.free(b);

        // When
        int slot = cache.take(first + "answer. next question");
        int cached = cache.cached(slot, first + "answer. next question");

        // Then
        assertThat(b).isNotEqualTo(a);
        assertThat(slot).isEqualTo(a);
        assertThat(cached).isEqualTo(first.length());
    }

    @Test
    void shouldGiveANewConversationAFreeSlotRatherThanOneThatSharesOnlyTheSystemPrompt() {
        // Given
        PromptCache cache = new PromptCache(2);
        int a = cache.take("a long shared system prompt. question A");
        cache.cached(a, "a long shared system prompt. question A");
        cache.free(a);

        // When: the shared prefix is under half of the new prompt
        int slot = cache.take("a long shared system prompt. a much longer new question that goes on and on");

        // Then
        assertThat(slot).isNotEqualTo(a);
    }

    @Test
    void shouldNotGiveABusySlotToAnotherRequest() {
        // Given
        PromptCache cache = new PromptCache(1);
        int a = cache.take("prompt");

        // When
        int second = cache.take("prompt");

        // Then
        assertThat(a).isZero();
        assertThat(second).isEqualTo(-1);
        assertThat(cache.cached(second, "prompt")).isZero();
    }
}
