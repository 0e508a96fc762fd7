package adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of Drover a request belongs to, which decides who may call it and how large its body may be. Decided on the
 * request's path as every router could read it: segment parameters ({@code ;x}) dropped, percent-encoding decoded
 * (once, with and without {@code %2F} as a separator, and not at all), {@code .}/{@code ..} resolved, repeated and
 * trailing slashes merged, case ignored; the strictest reading wins. A path in no area is {@link #UNKNOWN}: refused
 * with 404 before anything serves it, so a new route is unreachable until it is classified here.
 */
enum Area {

    /**
     * {@code /}, {@code /q/health}, the relay's and heartbeats' doors, which check enrollment tokens, and the
     * dashboard's page, which holds no data: what it shows comes from {@code /internal} with that area's access.
     */
    OPEN,
    /** Served by nothing: 404. */
    UNKNOWN,
    /** {@code /api}, {@code /v1}: client keys and rate limits. */
    API,
    /** {@code /internal}, {@code /q/metrics}: {@code security.operations_access}. */
    OPERATIONS,
    /** {@code /admin}: admin keys, or this machine while there are none. */
    ADMIN;

    /** The area of a raw request path (before any decoding); never null. */
    static Area of(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return UNKNOWN;
        }
        if (plain(rawPath)) {
            return classify(rawPath);
        }
        Area strictest = OPEN;
        for (Decoding decoding : Decoding.values()) {
            Area area = classify(canonical(rawPath, decoding));
            if (area.ordinal() > strictest.ordinal()) {
                strictest = area;
            }
        }
        return strictest;
    }

    /** Whether the path is the same in every reading: lower-case letters, digits, '-', '_', single inner slashes. */
    private static boolean plain(String path) {
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ordinary = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ordinary && !(c == '/' && previous != '/')) {
                return false;
            }
            previous = c;
        }
        return path.length() == 1 || previous != '/';
    }

    private static Area classify(String path) {
        if (path.equals("/") || under(path, "/q/health") || path.equals("/relay/connect")
                || path.equals("/nodes/heartbeat") || under(path, "/dashboard")) {
            return OPEN;
        }
        if (under(path, "/api") || under(path, "/v1")) {
            return API;
        }
        if (under(path, "/admin")) {
            return ADMIN;
        }
        if (under(path, "/internal") || under(path, "/q/metrics")) {
            return OPERATIONS;
        }
        return UNKNOWN;
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** How a path's percent-encoding is read. */
    private enum Decoding {
        ALL, ALL_BUT_SLASHES, NONE
    }

    /** The path as segments: parameters dropped, dots resolved, empty segments merged, lower case; "/" when none. */
    private static String canonical(String raw, Decoding decoding) {
        String decoded = decoding == Decoding.NONE ? raw : decode(raw, decoding == Decoding.ALL);
        List<String> segments = new ArrayList<>();
        for (String segment : decoded.split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(name.toLowerCase(Locale.ROOT));
        }
        return "/" + String.join("/", segments);
    }

    /**
     * Percent-decodes once, byte by byte; with {@code slashes}, {@code %2F}, {@code %5C} and a backslash separate
     * segments, without, they stay text.
     */
    private static String decode(String raw, boolean slashes) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int value = c == '%' && i + 2 < raw.length() ? hex(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
            if (value < 0 || !slashes && (value == '/' || value == '\\')) {
                out.append(slashes && c == '\\' ? '/' : c);
            } else {
                out.append(value == '\\' ? '/' : (char) value);
                i += 2;
            }
        }
        return out.toString();
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
