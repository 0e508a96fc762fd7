package adapters.wiring;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * The console's shipped line format ({@code %d{HH:mm:ss.SSS} %-5p [%c] %s%e%n}, application.properties) for access
 * lines, rendered to the same text without the pattern machinery: the pattern formatter's time step prints
 * milliseconds through {@code java.time}'s fraction printer, which builds a {@code BigDecimal} for every line, and its
 * steps copy the line several times; at one line per request that was a tenth of what the event loops allocate. The
 * seconds part of the time is made once per second. A record this cannot render the same way (parameters, an
 * exception, a resource bundle) goes to the pattern formatter. Thread-safe.
 */
final class AccessLineFormat extends Formatter {

    /** The shipped console format; a console configured otherwise keeps its own formatter for access lines. */
    static final String SHIPPED = "%d{HH:mm:ss.SSS} %-5p [%c] %s%e%n";

    private final PatternFormatter pattern;
    private final ZoneRules zone = ZoneId.systemDefault().getRules();
    private final String newline = System.lineSeparator();
    private volatile Second second = new Second(Long.MIN_VALUE, "");

    private AccessLineFormat(PatternFormatter pattern) {
        this.pattern = pattern;
    }

    /** This format in place of {@code console} when that is the shipped pattern without colours; else {@code console}. */
    static Formatter of(Formatter console) {
        return console != null && console.getClass() == PatternFormatter.class
                && SHIPPED.equals(((PatternFormatter) console).getPattern())
                        ? new AccessLineFormat((PatternFormatter) console)
                        : console;
    }

    @Override
    public String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (record.getThrown() != null || (parameters != null && parameters.length > 0)
                || record.getResourceBundle() != null) {
            return pattern.format(record);
        }
        Instant at = record.getInstant();
        String message = String.valueOf(record.getMessage());
        String logger = String.valueOf(record.getLoggerName());
        return start(at.getEpochSecond(), at.getNano() / 1_000_000, record.getLevel().getName(), logger,
                message.length()).append(message).append(newline).toString();
    }

    /**
     * A line's start, {@code HH:mm:ss.SSS LEVEL [logger] }, with room for a message of about {@code room} characters
     * and the line's end ({@link #newline}) after it.
     */
    StringBuilder start(long epochSecond, int millis, String level, String logger, int room) {
        StringBuilder line = new StringBuilder(26 + level.length() + logger.length() + room)
                .append(seconds(epochSecond));
        line.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append(' ').append(level);
        for (int pad = level.length(); pad < 5; pad++) {
            line.append(' ');
        }
        return line.append(" [").append(logger).append("] ");
    }

    /** The line separator that ends each line. */
    String newline() {
        return newline;
    }

    /** {@code HH:mm:ss.} of this epoch second in the system's time zone, made once per second. */
    private String seconds(long epochSecond) {
        Second last = second;
        if (last.epochSecond == epochSecond) {
            return last.text;
        }
        LocalTime time = LocalTime.ofSecondOfDay(Math.floorMod(
                epochSecond + zone.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds(), 86_400));
        String text = two(time.getHour()) + ':' + two(time.getMinute()) + ':' + two(time.getSecond()) + '.';
        second = new Second(epochSecond, text);
        return text;
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private record Second(long epochSecond, String text) {
    }
}
