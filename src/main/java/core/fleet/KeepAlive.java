package core.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ollama's {@code keep_alive}, read as Ollama reads it: a number of seconds (fractions allowed) or a Go duration
 * string ({@code "5m"}, {@code "1h30m"}, {@code "0"}, {@code "-1m"}). Any negative value means forever and is given
 * as -1 s; beyond Ollama's 292 years it is that. The one reading for the gateway and its simulator.
 */
public final class KeepAlive {

    /** What Ollama keeps a model loaded for when asked to keep it forever. */
    public static final Duration FOREVER = Duration.ofDays(365L * 292);
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private KeepAlive() {
    }

    /** A JSON number: seconds. */
    public static Duration seconds(BigDecimal value) {
        if (value.signum() < 0) {
            return Duration.ofSeconds(-1);
        }
        if (value.compareTo(BigDecimal.valueOf(FOREVER.getSeconds())) > 0) {
            return FOREVER;
        }
        return Duration.ofNanos(value.movePointRight(9).longValue());
    }

    /** A JSON string: a Go duration; throws IllegalArgumentException with Ollama's words when it is not one. */
    public static Duration text(String value) {
        String text = value.strip();
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        boolean negative = text.startsWith("-");
        String body = negative || text.startsWith("+") ? text.substring(1) : text;
        Matcher part = PART.matcher(body);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < body.length() && body.length() <= 64) {
            if (!part.find(at) || part.start() != at) {
                break;
            }
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
            at = part.end();
        }
        if (body.isEmpty() || at != body.length()) {
            throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
        }
        if (negative && nanos.signum() > 0) {
            return Duration.ofSeconds(-1);
        }
        return seconds(nanos.movePointLeft(9));
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
