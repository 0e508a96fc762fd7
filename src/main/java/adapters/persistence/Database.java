package adapters.persistence;

import java.util.function.Function;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;

import adapters.config.DatabaseConfig;

/**
 * The one database Drover uses: the persistence unit and Flyway of the datasource {@code database.postgresql} picks
 * (both are built into the application; the other stays inactive). The schema is migrated on first use rather than
 * at start, so that a database that is down at start delays the request log, never the gateway. Blocking; worker
 * threads only.
 */
@Singleton
class Database {

    private static final Logger LOG = Logger.getLogger("drover.persistence");
    private final String unit;
    private final Instance<Session> sessions;
    private final Instance<Flyway> flyways;
    private volatile boolean migrated;

    Database(DatabaseConfig config, @Any Instance<Session> sessions, @Any Instance<Flyway> flyways) {
        this.unit = config.unit();
        this.sessions = sessions;
        this.flyways = flyways;
    }

    String unit() {
        return unit;
    }

    /** Runs {@code work} in a new transaction, migrating the schema first if that has not yet succeeded. */
    <T> T inTransaction(Function<Session, T> work) {
        migrate();
        Session session = sessions.select(new PersistenceUnit.PersistenceUnitLiteral(unit)).get();
        return QuarkusTransaction.requiringNew().call(() -> work.apply(session));
    }

    private synchronized void migrate() {
        if (!migrated) {
            var result = flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of(unit)).get().migrate();
            migrated = true;
            LOG.infof("database ready (%s, schema version %s)", unit, result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : result.initialSchemaVersion);
        }
    }
}
