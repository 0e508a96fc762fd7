package adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import core.fleet.Node;
import core.fleet.NodeOrigin;
import core.fleet.NodeType;
import core.fleet.SavedFleet;

/** The fleet's run-time changes kept in a file: what one start saves, the next start gets back. */
class FileFleetStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheNextStartWhatThisOneChanged() throws Exception {
        // Given: nodes joined and left, a drain and an undrain, spent tokens (one already expired by the next start)
        FileFleetStore store = new FileFleetStore(dir, clock);
        assertThat(saved(store)).isEqualTo(SavedFleet.EMPTY);
        store.joined(node("gpu-x", "http://10.0.0.5:11434"), NodeOrigin.ADMIN, null);
        store.joined(node("edge", "http://10.0.0.6:11434"), NodeOrigin.HEARTBEAT, "tok-1");
        store.joined(node("gone", "http://10.0.0.7:11434"), NodeOrigin.ADMIN, null);
        store.left("gone");
        store.drained("gpu-a", true);
        store.drained("gpu-b", true);
        store.drained("gpu-b", false);
        store.tokenUsed("tok-1", NOW.plus(Duration.ofHours(1)));
        store.tokenUsed("tok-2", NOW.plus(Duration.ofSeconds(30)));
        store.close();

        // When
        FileFleetStore next = new FileFleetStore(dir, Clock.offset(clock, Duration.ofMinutes(1)));
        SavedFleet fleet = saved(next);
        next.close();

        // Then
        assertThat(fleet.endpoints()).extracting(n -> n.endpoint().name()).containsExactly("gpu-x", "edge");
        assertThat(fleet.endpoints(NodeOrigin.HEARTBEAT)).singleElement().satisfies(n -> {
            assertThat(n.tokenId()).isEqualTo("tok-1");
            assertThat(n.endpoint().url()).isEqualTo(URI.create("http://10.0.0.6:11434"));
            assertThat(n.endpoint().numParallel()).isEqualTo(4);
            assertThat(n.endpoint().credential()).isNull();
        });
        assertThat(fleet.drained()).containsExactly("gpu-a");
        assertThat(fleet.usedTokens()).containsOnlyKeys("tok-1");
    }

    @Test
    void shouldMoveAnUnreadableFileAsideAndStartWithout() throws Exception {
        // Given: a file a crash or a hand edit left broken
        Files.writeString(dir.resolve(FileFleetStore.FILE), "{\"nodes\": [ {\"name\": ");

        // When
        FileFleetStore store = new FileFleetStore(dir, clock);
        SavedFleet fleet = saved(store);
        store.drained("gpu-a", true);
        store.close();

        // Then: nothing lost for good, and the next change is saved in a fresh file
        assertThat(fleet).isEqualTo(SavedFleet.EMPTY);
        assertThat(dir.resolve(FileFleetStore.FILE + ".unreadable")).content().startsWith("{\"nodes\"");
        assertThat(dir.resolve(FileFleetStore.FILE)).content().contains("gpu-a");
    }

    @Test
    void shouldLeaveNoTemporaryFileAndCreateItsFolder() throws Exception {
        // Given: a folder that does not exist yet
        Path nested = dir.resolve("state/drover");

        // When
        FileFleetStore store = new FileFleetStore(nested, clock);
        saved(store);
        store.drained("gpu-a", true);
        store.close();

        // Then
        try (var files = Files.list(nested)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(FileFleetStore.FILE,
                    FileFleetStore.LOCK);
        }
    }

    private static SavedFleet saved(FileFleetStore store) throws Exception {
        return store.saved().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static Node node(String name, String url) {
        return new Node(name, URI.create(url), NodeType.OLLAMA, 50, 0, Duration.ofSeconds(5), Duration.ofSeconds(2),
                null, null, 1, 4);
    }
}
