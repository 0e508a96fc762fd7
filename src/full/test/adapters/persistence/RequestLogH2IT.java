package adapters.persistence;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import testsupport.SimFleet;

/** The request log on the embedded H2 database (where it is kept unless database.postgresql). */
@QuarkusTest
@TestProfile(RequestLogOn.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class RequestLogH2IT extends RequestLogContract {
}
