package core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeepAliveTest {

    @ParameterizedTest(name = "\"{0}\" is {1} ms")
    @CsvSource({"5m, 300000", "1h30m, 5400000", "10s, 10000", "1.5s, 1500", "250ms, 250", "0, 0", "0s, 0",
            "-1m, -1000", "-1, ", "300, ", "5 m, ", "soon, ", "'', "})
    void shouldReadAGoDurationAsOllamaDoes(String text, Long millis) {
        // When
        Duration read = readOrNull(text);

        // Then: negative is forever (-1 s), a unit-less string is refused (null here), as Ollama does
        assertThat(read == null ? null : read.toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"300, 300000", "0.5, 500", "0, 0", "-1, -1000", "1e30, 9208512000000"})
    void shouldReadANumberAsSeconds(String number, long millis) {
        // When
        Duration read = KeepAlive.seconds(new BigDecimal(number));

        // Then: beyond Ollama's 292 years it is forever, not an overflow
        assertThat(read.toMillis()).isEqualTo(millis);
    }

    private static Duration readOrNull(String text) {
        try {
            return KeepAlive.text(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
