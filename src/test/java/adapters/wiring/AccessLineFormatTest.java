package adapters.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import java.util.logging.Formatter;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.formatters.ColorPatternFormatter;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

class AccessLineFormatTest {

    @Test
    void shouldWriteAccessLinesExactlyAsTheShippedConsoleFormatDoes() throws Exception {
        // Given: the console format application.properties ships, as Quarkus builds it
        PatternFormatter console = new PatternFormatter(shippedConsoleFormat());

        // When: access lines are formatted for the batch writer
        Formatter format = AccessLineFormat.of(console);

        // Then: the lean format, and the same text as the pattern, to the millisecond, through a year (daylight saving
        // changes included, in the zone the tests run in)
        assertThat(format).isInstanceOf(AccessLineFormat.class);
        String line = "id=9f48 key=- route=/api/chat model=fast:latest endpoint=fast status=200 latency_ms=4";
        long year = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        for (long second = year; second < year + 366 * 86_400L; second += 997) {
            for (int millis : new int[]{0, 7, 42, 999}) {
                ExtLogRecord record = record(Level.INFO, line, Instant.ofEpochSecond(second, millis * 1_000_000L + 123));
                assertThat(format.format(record)).isEqualTo(console.format(record));
            }
        }
        ExtLogRecord warn = record(Level.WARN, "dropped 3 access log line(s)", Instant.now());
        assertThat(format.format(warn)).isEqualTo(console.format(warn));
    }

    @Test
    void shouldLeaveAnyOtherConsoleFormatItsOwn() {
        // Given: an operator's own format, or colours
        Formatter own = new PatternFormatter("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n");
        Formatter coloured = new ColorPatternFormatter(AccessLineFormat.SHIPPED);

        // Then: access lines keep them
        assertThat(AccessLineFormat.of(own)).isSameAs(own);
        assertThat(AccessLineFormat.of(coloured)).isSameAs(coloured);
    }

    @Test
    void shouldHandARecordWithParametersOrAnErrorToThePattern() throws Exception {
        PatternFormatter console = new PatternFormatter(shippedConsoleFormat());
        Formatter format = AccessLineFormat.of(console);
        ExtLogRecord withError = record(Level.INFO, "line", Instant.now());
        withError.setThrown(new IllegalStateException("boom"));
        ExtLogRecord withParameters = new ExtLogRecord(Level.INFO, "a {0} b", ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                getClass().getName());
        withParameters.setParameters(new Object[]{"x"});
        withParameters.setLoggerName(AccessLog.CATEGORY);

        assertThat(format.format(withError)).isEqualTo(console.format(withError)).contains("boom");
        assertThat(format.format(withParameters)).isEqualTo(console.format(withParameters)).contains("a x b");
    }

    private static ExtLogRecord record(Level level, String message, Instant at) {
        ExtLogRecord record = new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.NO_FORMAT,
                AccessLineFormatTest.class.getName());
        record.setLoggerName(AccessLog.CATEGORY);
        record.setInstant(at);
        return record;
    }

    /** What application.properties sets, so the fast path cannot silently stop matching the shipped format. */
    private static String shippedConsoleFormat() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = AccessLineFormatTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.getProperty("quarkus.log.console.format");
    }
}
