package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    @Test
    void shouldFindANameWhateverItsCase() {
        // Given
        HeaderNames names = new HeaderNames("connection", "keep-alive", "te", "proxy-authorization");

        // When / Then
        assertThat(names.contains("Connection")).isTrue();
        assertThat(names.contains("KEEP-ALIVE")).isTrue();
        assertThat(names.contains("TE")).isTrue();
        assertThat(names.contains("Proxy-Authorization")).isTrue();
    }

    @Test
    void shouldFindNoNameOfTheSameLengthOrLongerOrShorterThatIsNotInTheSet() {
        // Given
        HeaderNames names = new HeaderNames("connection", "keep-alive", "te");

        // When / Then: user-agent is as long as connection; the rest are longer or shorter than any name
        assertThat(names.contains("User-Agent")).isFalse();
        assertThat(names.contains("Connection2")).isFalse();
        assertThat(names.contains("Proxy-Authorization")).isFalse();
        assertThat(names.contains("t")).isFalse();
        assertThat(names.contains("")).isFalse();
        assertThat(HopByHop.is("Transfer-Encoding")).isTrue();
        assertThat(HopByHop.is("Content-Type")).isFalse();
    }
}
