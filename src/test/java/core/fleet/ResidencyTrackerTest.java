package core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import core.Ticker;
import core.journal.RequestRecord;
import ports.out.ModelCatalog;

class ResidencyTrackerTest {

    private static final ModelName MODEL = ModelName.of("llama3.2");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger psReads = new AtomicInteger();
    private final Fleet fleet = new Fleet(Ticker.system());
    private final NodeState node = fleet.add(Fixtures.anEndpoint("gpu")).orElseThrow();
    private final ModelRegistry registry = new ModelRegistry(new ModelCatalog() {
        @Override
        public CompletionStage<List<ModelEntry>> available(Node endpoint, NodeType type) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletionStage<List<ModelEntry>> loaded(Node endpoint, NodeType type) {
            psReads.incrementAndGet();
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
    }, fleet, Ticker.system());
    private final ResidencyTracker tracker = new ResidencyTracker(fleet, registry, scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldLearnTheLoadTimeOnlyFromARequestThatPaidALoad() {
        // Given
        Fixtures.setStatus(node, NodeStatus.UP);

        // When
        tracker.finished(record("/api/chat", 200, true, 1500, 1800));
        tracker.finished(record("/api/chat", 200, false, 20, 300));
        tracker.finished(record("/api/show", 200, true, 9000, 9000));
        tracker.finished(record("/api/chat", 500, true, 9000, 9000));

        // Then: 1500 ms to load; slots held 300 and 280 ms
        assertThat(node.residency().loadTime(MODEL)).isEqualTo(Duration.ofMillis(1500));
        assertThat(node.residency().slotTime(MODEL)).isEqualTo(Duration.ofMillis(296));
    }

    @Test
    void shouldLearnWhatAnAliasTaughtForTheModelItStandsFor() {
        // Given
        Fixtures.setStatus(node, NodeStatus.UP);

        // When: the alias "chat" was answered by llama3.2 after a 1.2 s load
        tracker.finished(new RequestRecord("id", Instant.now(), null, "/api/chat", "chat:latest", "gpu", 200, 1500,
                10, 1, 5, 10, 1200, 200_000_000L, "cold-idle", true, null, "llama3.2", false));

        // Then: llama3.2 learned it, and no model "chat" appears on the node
        assertThat(node.residency().loadTime(MODEL)).isEqualTo(Duration.ofMillis(1200));
        assertThat(node.residency().loadTime(ModelName.of("chat"))).isNull();
    }

    @Test
    void shouldReReadTheNodesLoadedModelsOnceForLoadsCloseTogether() throws Exception {
        // Given
        Fixtures.setStatus(node, NodeStatus.UP);

        // When: three answers Drover thought warm show a load
        for (int i = 0; i < 3; i++) {
            tracker.finished(record("/api/chat", 200, false, 900, 1000));
        }
        Thread.sleep(ResidencyTracker.SETTLE.toMillis() + 300);

        // Then
        assertThat(psReads.get()).isEqualTo(1);
    }

    private static RequestRecord record(String route, int status, boolean cold, long loadMillis, long durationMillis) {
        return new RequestRecord("id", Instant.now(), null, route, MODEL.canonical(), "gpu", status, durationMillis,
                10, 1, 5, 10, loadMillis, 200_000_000L, "warm", cold, null, null, false);
    }
}
