package adapters.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

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
}
