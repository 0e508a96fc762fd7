package adapters.persistence;

import java.time.Clock;

import adapters.config.DatabaseConfig;
import ports.out.FleetStore;
import ports.out.RequestLog;

/**
 * The stores kept in a database: the full build's (JpaStores, in src/full); the standard build has none, and its
 * config check refuses the settings that would need one ({@link adapters.config.BuildContents}).
 */
interface DatabaseStores {

    /** The fleet's run-time changes in PostgreSQL. */
    FleetStore fleetStore(Clock clock);

    /** The request log, in the database {@code database.postgresql} picks. */
    RequestLog requestLog(DatabaseConfig.RequestLog config, Clock clock);
}
