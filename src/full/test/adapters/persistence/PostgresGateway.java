package adapters.persistence;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import testsupport.Builds;

/**
 * The gateway on PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres} (trust auth), as on the
 * project's CI machines; {@link #reachable()} lets tests skip where there is none.
 */
public class PostgresGateway implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("database.postgresql", "true",
                "database.url", "jdbc:postgresql://127.0.0.1:5432/test",
                "database.username", "postgres", "database.request_log.enabled", "true");
    }

    /** True when something listens on PostgreSQL's port on this machine. */
    public static boolean reachable() {
        return Builds.postgresql();
    }
}
