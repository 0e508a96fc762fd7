package adapters.persistence;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;

import ports.out.FleetStore;

/** The fleet's run-time changes, kept in the same database as the request log. */
@ApplicationScoped
class FleetStoreProducer {

    @Produces
    @Singleton
    FleetStore fleetStore(Database database, Clock clock) {
        return new JpaFleetStore(database, clock);
    }

    /** The last changes reach the database while it is still open (beans are destroyed later, in no set order). */
    void flush(@Observes ShutdownEvent event, FleetStore store) {
        close(store);
    }

    void close(@Disposes FleetStore store) {
        if (store instanceof JpaFleetStore jpa) {
            jpa.close();
        }
    }
}
