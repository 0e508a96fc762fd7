package adapters.http;

import java.util.Set;
import java.util.TreeSet;

/** Headers that describe one connection, not the message, and so are never passed through a proxy (RFC 9110 7.6.1). */
final class HopByHop {

    /** Compared ignoring case without allocating: this runs for every header of every request and answer. */
    private static final Set<String> NAMES = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        NAMES.addAll(Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
                "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"));
    }

    private HopByHop() {
    }

    static boolean is(String name) {
        return NAMES.contains(name);
    }
}
