package adapters.persistence;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;

import adapters.config.BuildContents;
import adapters.config.DatabaseConfig;
import ports.out.FleetStore;

/**
 * The fleet's run-time changes: in PostgreSQL when Drover uses it (the full build), else in a small file under
 * {@code database.path} (the embedded database is started only for the request log, so a gateway without it starts
 * no database at all).
 */
@ApplicationScoped
class FleetStoreProducer {

    @Produces
    @Singleton
    FleetStore fleetStore(DatabaseConfig config, Instance<DatabaseStores> database, Clock clock) {
        if (!config.postgresql()) {
            return new FileFleetStore(Path.of(config.path()), clock);
        }
        if (!database.isResolvable()) {
            throw BuildContents.noPostgresql();
        }
        return database.get().fleetStore(clock);
    }

    /** The last changes are saved while the database is still open (beans are destroyed later, in no set order). */
    void flush(@Observes ShutdownEvent event, FleetStore store) {
        close(store);
    }

    void close(@Disposes FleetStore store) {
        if (store instanceof Closing closing) {
            closing.close();
        }
    }
}
