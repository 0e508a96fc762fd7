package adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIf;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import testsupport.SimFleet;

/** The same request-log tests on PostgreSQL; skipped (with a message) where none is reachable. */
@QuarkusTest
@TestProfile(PostgresGateway.class)
@EnabledIf(value = "adapters.persistence.PostgresGateway#reachable", disabledReason = "no PostgreSQL at 127.0.0.1:5432")
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class RequestLogPostgresIT extends RequestLogContract {
}
