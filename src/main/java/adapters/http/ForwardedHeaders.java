package adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import core.routing.Header;

/**
 * The client headers a node receives. Never passed on: hop-by-hop headers and every header the client's
 * {@code Connection} names (RFC 9110 7.6.1); the client's credentials ({@code Authorization},
 * {@code Proxy-Authorization}, {@code X-API-Key}, {@code Cookie}), which belong to Drover or the client and never to a
 * node, least of all one that joined by token from a machine nobody here controls; {@code Host},
 * {@code Content-Length} and {@code Expect}, which Drover sets itself for the node; and Drover's own
 * {@code X-Drover-*} controls. Immutable; event loop.
 */
final class ForwardedHeaders {

    private static final HeaderNames WITHHELD = new HeaderNames("authorization", "proxy-authorization", "x-api-key",
            "cookie", "host", "content-length", "expect");

    /** Room for the headers a client sends: curl 5, the OpenAI SDKs about 12; more grow the list. */
    private static final int ROOM = 16;

    private ForwardedHeaders() {
    }

    static List<Header> of(HttpServerRequest request) {
        Set<String> connectionNamed = connectionNamed(request.headers().getAll(HttpHeaders.CONNECTION));
        // Not sized by headers().size(): that sorts the names into a new map first.
        List<Header> headers = new ArrayList<>(ROOM);
        for (Map.Entry<String, String> entry : request.headers()) {
            String name = entry.getKey();
            if (!HopByHop.is(name) && !WITHHELD.contains(name) && !name.regionMatches(true, 0, "X-Drover-", 0, 9)
                    && !connectionNamed.contains(name)) {
                headers.add(new Header(name, entry.getValue()));
            }
        }
        return headers;
    }

    /**
     * The headers {@code Connection} names, compared ignoring case; none for the usual {@code keep-alive} or
     * {@code close}, which name no header, so the common request allocates nothing here.
     */
    private static Set<String> connectionNamed(List<String> values) {
        Set<String> names = Set.of();
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.strip();
                if (!name.isEmpty() && !name.equalsIgnoreCase("keep-alive") && !name.equalsIgnoreCase("close")) {
                    if (names.isEmpty()) {
                        names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                    }
                    names.add(name);
                }
            }
        }
        return names;
    }
}
