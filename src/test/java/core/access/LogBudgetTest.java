package core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LogBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldWriteABurstThenOneLinePerIntervalSayingHowManyWereHeld() {
        // Given
        LogBudget budget = new LogBudget(3, Duration.ofSeconds(10), 0);

        // When
        long[] answers = new long[6];
        for (int i = 0; i < 5; i++) {
            answers[i] = budget.admit(i);
        }
        answers[5] = budget.admit(10 * SECOND);

        // Then
        assertThat(answers).containsExactly(0, 0, 0, LogBudget.HOLD, LogBudget.HOLD, 2);
        assertThat(LogBudget.note(2)).isEqualTo(" (2 more like this not logged)");
        assertThat(LogBudget.note(0)).isEmpty();
    }
}
