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

import adapters.config.DatabaseConfig;
import ports.out.FleetStore;

/**
 * The fleet's run-time changes: in PostgreSQL when Drover uses it, else in a small file under {@code database.path}
 * (the embedded database is started only for the request log, so a gateway without it starts no database at all).
 */
@ApplicationScoped
class FleetStoreProducer {

    @Produces
    @Singleton
    FleetStore fleetStore(DatabaseConfig config, Instance<Database> database, Clock clock) {
        return config.postgresql()
                ? new JpaFleetStore(database.get(), clock)
                : new FileFleetStore(Path.of(config.path()), clock);
    }

    /** The last changes are saved while the database is still open (beans are destroyed later, in no set order). */
    void flush(@Observes ShutdownEvent event, FleetStore store) {
        close(store);
    }

    void close(@Disposes FleetStore store) {
        if (store instanceof JpaFleetStore jpa) {
            jpa.close();
        } else if (store instanceof FileFleetStore file) {
            file.close();
        }
    }
}
