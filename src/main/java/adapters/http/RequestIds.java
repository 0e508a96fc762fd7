package adapters.http;

import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** The id a request is known by: the caller's {@code X-Request-Id} when it sent a sane one, else a fresh one. */
final class RequestIds {

    /** Made once, as the answer's header names are: its hash and bytes are not computed again per request. */
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");

    private RequestIds() {
    }

    static String of(HttpServerRequest request) {
        String given = request.getHeader(REQUEST_ID);
        if (given != null && !given.isEmpty() && given.length() <= 128
                && given.chars().allMatch(c -> c > 32 && c < 127)) {
            return given;
        }
        // 16 hex digits; the top bit forced on keeps the length fixed without formatting.
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
