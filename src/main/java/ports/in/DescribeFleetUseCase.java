package ports.in;

import core.fleet.FleetView;

/** A snapshot of every node and what the gateway knows of it (status page, readiness, version). Non-blocking. */
public interface DescribeFleetUseCase {

    FleetView describe();
}
