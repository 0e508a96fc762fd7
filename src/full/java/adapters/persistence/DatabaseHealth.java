package adapters.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

import adapters.config.DatabaseConfig;

/**
 * {@code /q/health/group/state}, check {@code database}: whether the last use of the database (request log, fleet
 * store) went well. Shown, never part of readiness: a database that is down costs the request log and saved state,
 * never a request. Reads what the last use left; never touches the database itself.
 */
@HealthGroup("state")
@ApplicationScoped
class DatabaseHealth implements HealthCheck {

    private final Database database;
    private final boolean inUse;

    DatabaseHealth(Database database, DatabaseConfig config) {
        this.database = database;
        this.inUse = config.inUse();
    }

    @Override
    public HealthCheckResponse call() {
        String problem = database.problem();
        var response = HealthCheckResponse.named("database").status(problem == null).withData("unit", inUse
                ? database.unit()
                : "none");
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
