package adapters.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import core.journal.RequestRecord;

/** The access line's words, which scripts and log pipelines parse. */
class AccessLogTest {

    @Test
    void shouldWriteEveryFieldOfARequestAsKeyValueWords() {
        RequestRecord r = new RequestRecord("req-1", Instant.EPOCH, "team", "/api/chat", "llama3.2", "gpu", 200, 812,
                95, 2, 31, 240, 640, 3_000_000_000L, "warm", true, "hit", "llama3.2:8b", true);

        assertThat(AccessLog.line(r)).isEqualTo("id=req-1 key=team route=/api/chat model=llama3.2 endpoint=gpu"
                + " status=200 latency_ms=812 ttfb_ms=95 prompt_tokens=31 completion_tokens=240 attempts=2"
                + " route_reason=warm cold_start=true load_ms=640 affinity=hit served_model=llama3.2:8b fallback=true");
    }

    @Test
    void shouldWriteADashForWhatARequestDidNotHave() {
        RequestRecord r = new RequestRecord("req-2", Instant.EPOCH, null, "/api/chat", null, null, 401, 0, -1, 0, 0,
                0, -1, 0, null, false, null, null, false);

        assertThat(AccessLog.line(r)).isEqualTo("id=req-2 key=- route=/api/chat model=- endpoint=- status=401"
                + " latency_ms=0 ttfb_ms=-1 prompt_tokens=0 completion_tokens=0 attempts=0 route_reason=- cold_start=false"
                + " load_ms=-1 affinity=- served_model=- fallback=false");
    }

    @Test
    void shouldWriteTheSameConsoleLineWithoutTheLoggerAsThroughIt() {
        // Given: the shipped console format, as the batch writer uses it
        PatternFormatter console = new PatternFormatter(AccessLineFormat.SHIPPED);
        AccessLineFormat lean = (AccessLineFormat) AccessLineFormat.of(console);
        RequestRecord r = new RequestRecord("req-1", Instant.EPOCH, "team", "/api/chat", "llama3.2", "gpu", 200, 812,
                95, 2, 31, 240, 640, 3_000_000_000L, "warm", true, "hit", "llama3.2:8b", true);

        // Then: the line made in one go is the console's line for a log record of the same moment
        long start = Instant.parse("2026-03-29T00:59:58Z").toEpochMilli();
        for (long at = start; at < start + 4_000; at += 7) {
            ExtLogRecord record = new ExtLogRecord(Level.INFO, AccessLog.line(r), ExtLogRecord.FormatStyle.NO_FORMAT,
                    getClass().getName());
            record.setLoggerName(AccessLog.CATEGORY);
            record.setInstant(Instant.ofEpochMilli(at));
            assertThat(AccessLog.consoleLine(lean, at, r)).isEqualTo(console.format(record));
        }
    }
}
