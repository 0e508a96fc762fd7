package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

import core.fleet.FleetView;
import ports.in.DescribeFleetUseCase;

/**
 * {@code /q/health/group/state}, check {@code fleet}: up while at least one node is routable. For dashboards and alerts, not for a load
 * balancer's readiness: a gateway with no usable node still answers (503 with the reason) and must stay reachable for
 * nodes joining over the relay.
 */
@HealthGroup("state")
@ApplicationScoped
class FleetHealth implements HealthCheck {

    private final DescribeFleetUseCase fleet;

    FleetHealth(DescribeFleetUseCase fleet) {
        this.fleet = fleet;
    }

    @Override
    public HealthCheckResponse call() {
        FleetView view = fleet.describe();
        return HealthCheckResponse.named("fleet")
                .status(view.routableCount() > 0)
                .withData("routable_endpoints", view.routableCount())
                .withData("endpoints", view.endpoints().size())
                .build();
    }
}
