package adapters.http;

/** Headers that describe one connection, not the message, and so are never passed through a proxy (RFC 9110 7.6.1). */
final class HopByHop {

    private static final HeaderNames NAMES = new HeaderNames("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    static boolean is(String name) {
        return NAMES.contains(name);
    }
}
