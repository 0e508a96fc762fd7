package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import core.fleet.FleetView;
import ports.in.DescribeFleetUseCase;

/**
 * {@code /q/health/ready}: this process can take requests (started, saved fleet state applied, not draining). The
 * fleet's and the database's state are shown alongside but never make it unready: see {@link FleetHealth}.
 */
@Readiness
@ApplicationScoped
class GatewayReadiness implements HealthCheck {

    private final core.routing.Readiness readiness;
    private final DescribeFleetUseCase fleet;

    GatewayReadiness(core.routing.Readiness readiness, DescribeFleetUseCase fleet) {
        this.readiness = readiness;
        this.fleet = fleet;
    }

    @Override
    public HealthCheckResponse call() {
        FleetView view = fleet.describe();
        return HealthCheckResponse.named("gateway")
                .status(readiness.ready())
                .withData("draining", readiness.draining())
                .withData("fleet_state_restored", readiness.isRestored())
                .withData("routable_endpoints", view.routableCount())
                .build();
    }
}
