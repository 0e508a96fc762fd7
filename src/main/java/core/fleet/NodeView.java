package core.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One node as the status page shows it; {@code routable}: it would get a request now; {@code connector}: how it is
 * reached ({@code static}: HTTP to its configured URL; {@code relay}: over the link its agent opened);
 * {@code origin}: how it joined; {@code drained}: an operator took it out of rotation; {@code busyUntil}: until when it is
 * passed over for having said it is busy (null when it is not); {@code residency}: each model Drover knows of on the node
 * (loaded or not, in flight, learned figures); {@code room}: models the node was seen to hold at once (0: unknown).
 */
public record NodeView(String name, String url, NodeType type, NodeStatus status, int priority,
        int maxConcurrency, int inFlight, List<String> models, List<String> loadedModels, Instant lastCheck,
        String lastError, String version, CircuitState circuit, boolean routable, String connector,
        NodeOrigin origin, boolean drained, Instant busyUntil, int weight, int numParallel,
        List<ModelResidency> residency, int room, Map<String, String> labels) {
}
