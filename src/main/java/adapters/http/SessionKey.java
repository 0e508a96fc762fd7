package adapters.http;

import java.util.List;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import core.routing.ProxyRequest;

/**
 * Which conversation a request belongs to, as a 64-bit hash scoped by the caller's API key (two keys never share a
 * session): the first of {@code X-Drover-Session}, the body's {@code prompt_cache_key}, its {@code user}, an agent's
 * session header ({@link #AGENT_HEADERS}), else the hash of the conversation's opening ({@link Opening}), so turn N+1
 * of a chat finds turn N without the client doing anything. {@link ProxyRequest#NO_SESSION} when there is none.
 */
final class SessionKey {

    static final String HEADER = "X-Drover-Session";
    /** Session headers coding agents and chat front-ends send, most specific first. */
    static final List<String> AGENT_HEADERS = List.of("X-Session-Id", "X-Session-Affinity", "Session-Id",
            "Session_Id", "X-Claude-Code-Session-Id", "X-OpenWebUI-Chat-Id");
    /**
     * The same names made once as Vert.x optimized names: looked up on every request, and a name given as a String is
     * hashed character by character on each lookup.
     */
    private static final CharSequence NAMED = HttpHeaders.createOptimized(HEADER);
    private static final List<CharSequence> AGENT_NAMES = AGENT_HEADERS.stream().map(HttpHeaders::createOptimized)
            .toList();

    private SessionKey() {
    }

    static long of(HttpServerRequest request, ModelField.Fields fields, String keyName) {
        String named = present(request.getHeader(NAMED));
        if (named != null) {
            return Opening.of(keyName, "session", named);
        }
        if (present(fields.promptCacheKey()) != null) {
            return Opening.of(keyName, "prompt_cache_key", fields.promptCacheKey());
        }
        if (present(fields.user()) != null) {
            return Opening.of(keyName, "user", fields.user());
        }
        for (CharSequence header : AGENT_NAMES) {
            String value = present(request.getHeader(header));
            if (value != null) {
                return Opening.of(keyName, "session", value);
            }
        }
        if (fields.opening() != 0) {
            return Opening.of(keyName, "opening", Long.toString(fields.opening()));
        }
        return ProxyRequest.NO_SESSION;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
