package adapters.http;

import java.util.Set;

/** Headers that describe one connection, not the message, and so are never passed through a proxy (RFC 9110 7.6.1). */
final class HopByHop {

    private static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    static boolean is(String name) {
        return NAMES.contains(name.toLowerCase(java.util.Locale.ROOT));
    }
}
