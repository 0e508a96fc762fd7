package adapters.http;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import core.FleetView;
import ports.in.DescribeFleetUseCase;

/** Ready while at least one endpoint is routable: a gateway with no usable node should not get traffic. */
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
                .status(view.routableCount() > 0)
                .withData("routable_endpoints", view.routableCount())
                .withData("endpoints", view.endpoints().size())
                .build();
    }
}
