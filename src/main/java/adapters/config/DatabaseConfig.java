package adapters.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code database:} in config.yaml: an embedded H2 file under {@code path} by default, or PostgreSQL when {@code
 * postgresql} is true ({@code url}, {@code username}, {@code password}; these also feed Quarkus' datasources).
 */
@ConfigMapping(prefix = "database", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface DatabaseConfig {

    /** True: PostgreSQL at {@code url}; false: the embedded H2 database under {@code path}. */
    @WithDefault("false")
    boolean postgresql();

    @WithDefault("./data")
    String path();

    Optional<String> url();

    Optional<String> username();

    /** Read by the datasource only; never logged. */
    Optional<String> password();

    /** The persistence unit (and datasource) Drover uses. */
    default String unit() {
        return postgresql() ? "postgresql" : "embedded";
    }

    /** Whether a database is started at all: PostgreSQL, or the embedded one for the request log. */
    default boolean inUse() {
        return postgresql() || requestLog().enabled();
    }

    RequestLog requestLog();

    /** {@code database.request_log}: one row per proxied request, written in batches off the request path. */
    interface RequestLog {

        /**
         * Off by default: each row costs an insert on the gateway's own cores and the embedded database, Hibernate
         * and Flyway take memory and start-up time (docs/operations.md, "Memory and CPU"); the access log and the
         * metrics see every request either way.
         */
        @WithDefault("false")
        boolean enabled();

        /** Rows older than this are deleted. */
        @WithDefault("30d")
        Duration retention();

        /** At most this many rows are kept; the oldest go first. */
        @WithDefault("1000000")
        long maxRows();

        /** Rows waiting to be written; beyond this a row is dropped (and counted), never waited for. */
        @WithDefault("10000")
        int queueSize();

        @WithDefault("500")
        int batchSize();
    }
}
