package adapters.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import core.models.SyncEntry;
import core.routing.LoadBalancer;
import core.routing.ModelRoutes;
import core.routing.SessionPins;
import ports.in.DescribeFleetUseCase;
import ports.in.DescribeModelSyncUseCase;

/** {@code GET /internal/status}: every endpoint with its health, load and models, for operators and scripts. */
@Path("/internal/status")
public class StatusResource {

    private final DescribeFleetUseCase fleet;
    private final ModelRoutes routes;
    private final SessionPins sessions;
    private final DescribeModelSyncUseCase sync;

    StatusResource(DescribeFleetUseCase fleet, ModelRoutes routes, LoadBalancer balancer,
            DescribeModelSyncUseCase sync) {
        this.fleet = fleet;
        this.routes = routes;
        this.sessions = balancer.sessions();
        this.sync = sync;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        return of(fleet.describe(), routes, sessions, sync.syncStatus());
    }

    /** The status page's body for {@code view}: also what the dashboard's feed sends. */
    Status status(FleetView view) {
        return of(view, routes, sessions, sync.syncStatus());
    }

    private static Status of(FleetView view, ModelRoutes routes, SessionPins sessions, List<SyncEntry> synced) {
        List<NodeStatusView> endpoints = view.endpoints().stream().map(NodeStatusView::of).toList();
        List<RouteView> models = routes.all().stream().map(r -> RouteView.of(r, view.endpoints())).toList();
        return new Status(view.routableCount(), view.queued(), new AffinityView(sessions.enabled(),
                sessions.size()), models, endpoints, synced.stream().map(SyncView::of).toList());
    }

    /** Session affinity: on or off, and how many sessions are pinned to a node now. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AffinityView(boolean enabled, int sessions) {
    }

    /**
     * One entry of {@code models:}: what the name stands for, its fallbacks and node restrictions, and the nodes that
     * list a model of the alias's own name, which the alias hides ({@code shadows: true} says that is meant).
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RouteView(String name, String model, List<String> fallbacks, List<String> nodes,
            Map<String, String> labels, boolean shadows, List<String> shadowsModelOn) {

        static RouteView of(ModelRoutes.Route r, List<NodeView> endpoints) {
            List<String> shadowed = !r.alias()
                    ? List.of()
                    : endpoints.stream()
                            .filter(e -> e.models().contains(r.name().canonical())).map(NodeView::name).toList();
            return new RouteView(r.written(), r.target(), r.fallbacks(), r.nodes().stream().sorted().toList(),
                    r.labels(), r.shadows(), shadowed);
        }
    }

    /** The status page's body. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(long routableEndpoints, int queued, AffinityView affinity, List<RouteView> models,
            List<NodeStatusView> endpoints, List<SyncView> modelSync) {
    }

    /**
     * One model that {@code models.required} or {@code models.preload} wants on one node: where it stands
     * ({@code present}, {@code waiting}, {@code running}, {@code retrying}, {@code missing}), the bytes of a pull under
     * way, failed attempts in a row, the last error and when it is tried again.
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SyncView(String node, String model, String kind, String state, Long completed, Long total,
            int attempts, String lastError, Instant nextTry, boolean pulledByDrover) {

        static SyncView of(SyncEntry e) {
            return new SyncView(e.node(), e.model(), e.kind(), e.state().label(),
                    e.total() > 0 ? e.completed() : null, e.total() > 0 ? e.total() : null, e.attempts(),
                    e.lastError(), e.nextTry(), e.pulledByDrover());
        }
    }

    /** One endpoint on the status page. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NodeStatusView(String name, String url, String type, String status, int priority,
            int inFlight, List<String> models, List<String> loadedModels, Instant lastCheck, String lastError,
            String version, String circuit, String connector, String origin, boolean drained, boolean routable,
            Instant busyUntil, int weight, int numParallel, Integer room, List<ModelStatusView> residency,
            Map<String, String> labels) {

        static NodeStatusView of(NodeView e) {
            return new NodeStatusView(e.name(), e.url(), e.type().name().toLowerCase(java.util.Locale.ROOT),
                    e.status().name().toLowerCase(java.util.Locale.ROOT), e.priority(), e.inFlight(), e.models(),
                    e.loadedModels(), e.lastCheck(), e.lastError(), e.version(),
                    e.circuit().name().toLowerCase(java.util.Locale.ROOT), e.connector(), e.origin().label(),
                    e.drained(), e.routable(), e.busyUntil(), e.weight(), e.numParallel(),
                    e.room() == 0 ? null : e.room(), e.residency().stream().map(ModelStatusView::of).toList(),
                    e.labels());
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
