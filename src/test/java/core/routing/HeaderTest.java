package core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Content-Length} is read one way for requests and answers: one whole number, else no length. */
class HeaderTest {

    @Test
    void shouldReadAWholeNumberWithSpacesAround() {
        assertThat(Header.length("0")).isZero();
        assertThat(Header.length(" 1234 ")).isEqualTo(1234);
        assertThat(Header.length("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "+5", "-1", "5 5", "0x10", "1e3", "12a", "1,2", "1234567890123456789"})
    void shouldGiveNoLengthForAnythingElse(String value) {
        assertThat(Header.length(value)).isEqualTo(-1);
    }

    @Test
    void shouldGiveAnAnswerNoLengthWhenTwoLengthsDisagreeOrItIsChunked() {
        assertThat(answer(new Header("content-length", "3"), new Header("Content-Length", "3")).contentLength())
                .isEqualTo(3);
        assertThat(answer(new Header("Content-Length", "3"), new Header("Content-Length", "4")).contentLength())
                .isEqualTo(-1);
        assertThat(answer(new Header("Content-Length", "3"), new Header("Transfer-Encoding", "chunked"))
                .contentLength()).isEqualTo(-1);
        assertThat(answer(new Header("Content-Length", "+3")).contentLength()).isEqualTo(-1);
        assertThat(answer(new Header("Content-Type", "application/json")).contentLength()).isEqualTo(-1);
    }

    private static ProxyResponse answer(Header... headers) {
        return new ProxyResponse(200, List.of(headers), subscriber -> {
        }, "a");
    }
}
