package adapters.persistence;

import java.time.Clock;

import jakarta.inject.Singleton;

import adapters.config.DatabaseConfig;
import ports.out.FleetStore;
import ports.out.RequestLog;

/** The full build's {@link DatabaseStores}: Hibernate ORM over the one {@link Database} Drover uses. */
@Singleton
class JpaStores implements DatabaseStores {

    private final Database database;

    JpaStores(Database database) {
        this.database = database;
    }

    @Override
    public FleetStore fleetStore(Clock clock) {
        return new JpaFleetStore(database, clock);
    }

    @Override
    public RequestLog requestLog(DatabaseConfig.RequestLog config, Clock clock) {
        return new JpaRequestLog(database, config, clock);
    }
}
