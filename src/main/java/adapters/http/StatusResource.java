package adapters.http;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

import core.fleet.FleetView;
import core.fleet.ModelResidency;
import core.fleet.NodeView;
import ports.in.DescribeFleetUseCase;

/** {@code GET /internal/status}: every endpoint with its health, load and models, for operators and scripts. */
@Path("/internal/status")
public class StatusResource {

    private final DescribeFleetUseCase fleet;

    StatusResource(DescribeFleetUseCase fleet) {
        this.fleet = fleet;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        FleetView view = fleet.describe();
        List<NodeStatusView> endpoints = view.endpoints().stream().map(NodeStatusView::of).toList();
        return new Status(view.routableCount(), view.queued(), endpoints);
    }

    /** The status page's body. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(long routableEndpoints, int queued, List<NodeStatusView> endpoints) {
    }

    /** One endpoint on the status page. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NodeStatusView(String name, String url, String type, String status, int priority,
            int inFlight, List<String> models, List<String> loadedModels, Instant lastCheck, String lastError,
            String version, String circuit, String connector, String origin, boolean drained, boolean routable,
            Instant busyUntil, int weight, int numParallel, Integer room, List<ModelStatusView> residency) {

        static NodeStatusView of(NodeView e) {
            return new NodeStatusView(e.name(), e.url(), e.type().name().toLowerCase(java.util.Locale.ROOT),
                    e.status().name().toLowerCase(java.util.Locale.ROOT), e.priority(), e.inFlight(), e.models(),
                    e.loadedModels(), e.lastCheck(), e.lastError(), e.version(),
                    e.circuit().name().toLowerCase(java.util.Locale.ROOT), e.connector(), e.origin().label(),
                    e.drained(), e.routable(), e.busyUntil(), e.weight(), e.numParallel(),
                    e.room() == 0 ? null : e.room(), e.residency().stream().map(ModelStatusView::of).toList());
        }
    }

    /** One model on one node: loaded or not, until when, in flight, and what its answers taught. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelStatusView(String model, boolean loaded, Instant since, Instant expiresAt, Long sizeVram,
            int inFlight, Long loadMs, Long slotMs, Double tokensPerSecond) {

        static ModelStatusView of(ModelResidency m) {
            return new ModelStatusView(m.model(), m.loaded(), m.since(), m.expiresAt(),
                    m.sizeVram() < 0 ? null : m.sizeVram(), m.inFlight(), m.loadMillis(), m.slotMillis(),
                    m.tokensPerSecond() < 0 ? null : m.tokensPerSecond());
        }
    }
}
