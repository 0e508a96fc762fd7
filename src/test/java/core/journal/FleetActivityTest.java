package core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import core.TestClock;
import core.journal.Activity.ModelActivity;

class FleetActivityTest {

    private final TestClock clock = startOfASecond();
    private final FleetActivity activity = new FleetActivity(clock);

    private static TestClock startOfASecond() {
        TestClock clock = new TestClock();
        clock.advance(Duration.ofNanos(1_000_000_000L - Math.floorMod(clock.nanoTime(), 1_000_000_000L)));
        return clock;
    }

    @Test
    void shouldCountEachSecondAndEachNodeOnlyOnceTheSecondHasPassed() {
        // Given: two requests in one second on node-a, one failed on node-b in the next, then two quiet seconds
        // (as in every record, the model asked for is already in canonical form)
        activity.finished(request("a", "node-a", "llama3.2:latest", 200, 40, 1000));
        activity.finished(request("b", "node-a", "llama3.2:latest", 200, 60, 0));
        clock.advance(Duration.ofSeconds(1));
        activity.finished(request("c", "node-b", "qwen3:8b", 502, -1, 0));
        clock.advance(Duration.ofMillis(2500));

        // When
        Activity seen = activity.recent();

        // Then: one count per closed second, the current (half) second left out
        assertThat(seen.requests()).containsExactly(2L, 1L, 0L);
        assertThat(seen.errors()).containsExactly(0L, 1L, 0L);
        assertThat(seen.nodeRequests()).isEqualTo(Map.of("node-a", List.of(2L, 0L, 0L), "node-b",
                List.of(0L, 1L, 0L)));
        assertThat(seen.models()).containsExactly(
                new ModelActivity("node-a", "llama3.2:latest", 2, 0, 50.0, 10.0, 1),
                new ModelActivity("node-b", "qwen3:8b", 1, 1, -1, -1, 0));
    }

    @Test
    void shouldCountWhatANodeRanUnderTheModelItRan() {
        // Given: the alias "chat" answered by llama3.2 on node-a
        RequestRecord alias = request("a", "node-a", "chat", 200, 40, 0);
        activity.finished(new RequestRecord(alias.requestId(), alias.startedAt(), null, alias.route(), "chat",
                "node-a", 200, 100, 40, 1, 5, 20, 0, 2_000_000_000L, "warm", false, null, "llama3.2", false));
        clock.advance(Duration.ofSeconds(1));

        // When / Then
        assertThat(activity.recent().models()).extracting(ModelActivity::model).containsExactly("llama3.2:latest");
    }

    @Test
    void shouldKeepTheLastDecisionsAndErrorsNewestFirst() {
        // Given: 25 routed requests, and a refusal that reached no node
        for (int i = 0; i < 25; i++) {
            activity.finished(request("r" + i, "node-a", "llama3.2", 200, 10, 0));
        }
        activity.finished(request("refused", null, null, 429, -1, 0));

        // When
        Activity seen = activity.recent();

        // Then
        assertThat(seen.decisions()).hasSize(FleetActivity.RECENT);
        assertThat(seen.decisions().get(0).requestId()).isEqualTo("r24");
        assertThat(seen.recentErrors()).extracting(RequestRecord::requestId).containsExactly("refused");
    }

    @Test
    void shouldForgetWhatIsOlderThanItsHistoryAndTheQueueOutsideItsWindow() {
        // Given: a queued request long ago, one now, and a refusal
        activity.admitted(Duration.ofMillis(900));
        activity.finished(request("old", "node-a", "llama3.2", 200, 10, 0));
        clock.advance(Duration.ofSeconds(FleetActivity.HISTORY_SECONDS + 30));
        activity.admitted(Duration.ofMillis(100));
        activity.admitted(Duration.ofMillis(300));
        activity.rejected();
        clock.advance(Duration.ofSeconds(1));

        // When
        Activity seen = activity.recent();

        // Then: the history is bounded and holds nothing of the old second; the queue is this minute's
        assertThat(seen.requests()).hasSize(FleetActivity.HISTORY_SECONDS).containsOnly(0L);
        assertThat(seen.models()).isEmpty();
        assertThat(seen.queue()).isEqualTo(new Activity.QueueActivity(2, 200.0, 300, 1));
    }

    private static RequestRecord request(String id, String endpoint, String model, int status, long firstByte,
            long loadMillis) {
        return new RequestRecord(id, Instant.EPOCH, null, "/api/chat", model, endpoint, status, 100, firstByte, 1,
                5, firstByte > 0 ? 20 : -1, loadMillis, firstByte > 0 ? 2_000_000_000L : -1,
                endpoint == null ? null : "warm", false, null, null, false);
    }
}
