package adapters.persistence;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
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
    private final Instance<StatelessSession> statelessSessions;
    private final Instance<Flyway> flyways;
    private static final long RETRY_AFTER_MILLIS = 5_000;
    private volatile boolean migrated;
    private volatile String problem;
    private RuntimeException failure;
    private long retryAt;

    Database(DatabaseConfig config, @Any Instance<Session> sessions,
            @Any Instance<StatelessSession> statelessSessions, @Any Instance<Flyway> flyways) {
        this.unit = config.unit();
        this.sessions = sessions;
        this.statelessSessions = statelessSessions;
        this.flyways = flyways;
    }

    String unit() {
        return unit;
    }

    /** Null while the last use of the database went well; else what went wrong. Never blocks. */
    String problem() {
        return problem;
    }

    /** Runs {@code work} in a new transaction, migrating the schema first if that has not yet succeeded. */
    <T> T inTransaction(Function<Session, T> work) {
        return noted(() -> {
            migrate();
            Session session = sessions.select(new PersistenceUnit.PersistenceUnitLiteral(unit)).get();
            return QuarkusTransaction.requiringNew().call(() -> work.apply(session));
        });
    }

    /**
     * As {@link #inTransaction}, with a stateless session: no persistence context, no dirty checking, inserts in
     * JDBC batches. For writing many rows that are never read back in the same transaction.
     */
    <T> T inStatelessTransaction(Function<StatelessSession, T> work) {
        return noted(() -> {
            migrate();
            StatelessSession session = statelessSessions.select(new PersistenceUnit.PersistenceUnitLiteral(unit))
                    .get();
            return QuarkusTransaction.requiringNew().call(() -> work.apply(session));
        });
    }

    private <T> T noted(java.util.function.Supplier<T> use) {
        try {
            T result = use.get();
            problem = null;
            return result;
        } catch (RuntimeException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw e;
        }
    }

    /**
     * Migrates once. After a failed attempt, callers fail at once for {@value #RETRY_AFTER_MILLIS} ms instead of
     * each waiting out its own connection timeout, so the request log drops (and counts) rows promptly while the
     * database is away, and the fleet store's retries do not hold the other writers up.
     */
    private synchronized void migrate() {
        if (migrated) {
            return;
        }
        if (failure != null && System.nanoTime() - retryAt < 0) {
            throw new IllegalStateException("the database did not answer a moment ago: " + failure.getMessage(),
                    failure);
        }
        try {
            var result = flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of(unit)).get().migrate();
            migrated = true;
            failure = null;
            LOG.infof("database ready (%s, schema version %s)", unit, result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : result.initialSchemaVersion);
        } catch (RuntimeException e) {
            failure = e;
            retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_AFTER_MILLIS);
            throw e;
        }
    }
}
