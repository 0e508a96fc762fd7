package adapters.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request's {@code keep_alive} as Ollama does: a number of seconds (fractions allowed) or a Go duration
 * string ({@code "5m"}, {@code "1h30m"}, {@code "0"}, {@code "-1m"}); negative means forever. Null for anything else:
 * the node will refuse it in its own words, and routing keeps what it knew.
 */
final class KeepAliveField {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final long MAX_SECONDS = Duration.ofDays(365L * 292).getSeconds();

    private KeepAliveField() {
    }

    /** A JSON number: seconds. */
    static Duration seconds(BigDecimal value) {
        if (value.signum() < 0) {
            return Duration.ofSeconds(-1);
        }
        if (value.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            return Duration.ofSeconds(MAX_SECONDS);
        }
        return Duration.ofNanos(value.movePointRight(9).longValue());
    }

    /** A JSON string: a Go duration, or null when it is not one. */
    static Duration text(String value) {
        String text = value.strip();
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        boolean negative = text.startsWith("-");
        String body = negative || text.startsWith("+") ? text.substring(1) : text;
        if (body.isEmpty() || body.length() > 64) {
            return null;
        }
        Matcher part = PART.matcher(body);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < body.length()) {
            if (!part.find(at) || part.start() != at) {
                return null;
            }
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
            at = part.end();
        }
        if (negative && nanos.signum() > 0) {
            return Duration.ofSeconds(-1);
        }
        BigDecimal seconds = nanos.movePointLeft(9);
        return seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0
                ? Duration.ofSeconds(MAX_SECONDS)
                : Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
