package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import core.FleetView;
import ports.in.DescribeFleetUseCase;

/**
 * Ready while at least one endpoint is routable and the gateway is not shutting down: a gateway with no usable node,
 * or one that is draining, should not get traffic.
 */
@Readiness
@ApplicationScoped
class FleetReadiness implements HealthCheck {

    private final DescribeFleetUseCase fleet;

    FleetReadiness(DescribeFleetUseCase fleet) {
        this.fleet = fleet;
    }

    @Override
    public HealthCheckResponse call() {
        FleetView view = fleet.describe();
        return HealthCheckResponse.named("fleet")
                .status(view.routableCount() > 0 && !view.draining())
                .withData("draining", view.draining())
                .withData("routable_endpoints", view.routableCount())
                .withData("endpoints", view.endpoints().size())
                .build();
    }
}
