package adapters.persistence;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import testsupport.SimFleet;

/** The request log on the embedded H2 database (the default). */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class RequestLogH2IT extends RequestLogContract {
}
