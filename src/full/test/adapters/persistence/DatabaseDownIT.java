package adapters.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import testsupport.Gateway;
import testsupport.Scrape;
import testsupport.SimFleet;

@QuarkusTest
@TestProfile(HungDatabase.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class DatabaseDownIT {

    @Test
    void shouldServeAtFullSpeedAndCountDroppedRowsWhileTheDatabaseHangs() {
        // Given
        Gateway.healthyFleet();
        double dropped = Scrape.value("drover_request_log_dropped_total");

        // When: 12 chats while every database login hangs for two seconds
        long slowest = 0;
        for (int i = 0; i < 12; i++) {
            long start = System.nanoTime();
            given().contentType(ContentType.JSON).body("{\"model\":\"tinyllama\",\"stream\":false,\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/api/chat").then().statusCode(200);
            slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        }

        // Then: no request waited on the database (a login alone takes 2 s); the lost rows are counted
        assertThat(slowest).as("slowest chat, ms").isLessThan(1000);
        Gateway.await("dropped rows counted", () -> Scrape.value("drover_request_log_dropped_total") > dropped);
        given().get("/admin/requests").then().statusCode(503);
        // The gateway takes requests, so it is ready; the database's trouble is shown apart.
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/group/state").then().statusCode(503)
                .body("checks.find { it.name == 'database' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
    }
}
