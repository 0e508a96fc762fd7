package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

import testsupport.Gateway;
import testsupport.SimFleet;

/**
 * The dashboard's page and live feed on the default security settings (operations routes open to this machine, no
 * admin keys: admin calls from this machine only), and what "this machine" means once browsers are involved: a page of
 * another site, or one reached by DNS rebinding, is not this machine.
 */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class DashboardIT {

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void undrain() {
        given().post("/admin/endpoints/node-c/undrain");
    }

    @Test
    void shouldServeThePageWithoutDataAndLockedDown() {
        // When / Then: the page is served as static files, and may not be framed or run anything but its own script
        given().redirects().follow(false).get("/dashboard").then().statusCode(301).header("Location", "dashboard/");
        given().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("dashboard.js"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY");
        given().get("/dashboard/dashboard.js").then().statusCode(200)
                .body(containsString("/internal/dashboard/events"));
        // A spelling that climbs out of the page's folder is judged where it lands.
        given().header("Origin", "http://evil.example").get("/dashboard/..%2Finternal/status").then()
                .statusCode(403);
    }

    @Test
    void shouldPushTheFleetAndItsActivityOnOneFeed() throws Exception {
        // Given: a request through the gateway
        Gateway.healthyFleet();
        given().body("{\"model\":\"qwen3:8b\",\"prompt\":\"hi\",\"stream\":false}").post("/api/generate").then()
                .statusCode(200);

        // When: a page opens the feed
        List<String> events = events(3, null);

        // Then: it is told it may act, then gets the status page's body and the request as a routing decision
        assertThat(events.get(0)).isEqualTo("event: hello\ndata: {\"admin\":true}");
        JsonObject first = new JsonObject(events.get(1).substring("data: ".length()));
        assertThat(first.getJsonObject("status").getJsonArray("endpoints").size())
                .isEqualTo(given().get("/internal/status").then().extract().path("endpoints.size()"));
        JsonObject decision = first.getJsonObject("activity").getJsonArray("decisions").getJsonObject(0);
        assertThat(decision.getString("model")).isEqualTo("qwen3:8b");
        assertThat(decision.getString("endpoint")).isEqualTo("node-a");
        assertThat(decision.getString("reason")).isNotBlank();
        assertThat(new JsonObject(events.get(2).substring("data: ".length())).getInstant("at"))
                .isAfter(first.getInstant("at"));
    }

    @Test
    void shouldNotTakeAPageOfAnotherSiteForThisMachine() throws Exception {
        // When: a page elsewhere makes this machine's browser call the gateway, or rebinds its own name to it
        int foreignOrigin = given().header("Origin", "http://evil.example").post("/admin/endpoints/node-c/drain")
                .statusCode();
        int rebound = given().header("Host", "evil.example:" + root.getPort()).post("/admin/endpoints/node-c/drain")
                .statusCode();
        int crossSite = given().header("Sec-Fetch-Site", "cross-site").post("/admin/endpoints/node-c/drain")
                .statusCode();
        int feed = given().header("Origin", "http://evil.example").get("/internal/status").statusCode();

        // Then: refused as a caller from elsewhere, and node-c is not drained
        assertThat(List.of(foreignOrigin, rebound, crossSite, feed)).containsOnly(403);
        given().get("/internal/status").then().body("endpoints.find { it.name == 'node-c' }.drained", equalTo(false));

        // And: the gateway's own page on this machine (same origin, loopback names) may act
        given().header("Origin", "http://127.0.0.1:" + root.getPort()).header("Sec-Fetch-Site", "same-origin")
                .post("/admin/endpoints/node-c/drain").then().statusCode(200).body("drained", equalTo(true));
        given().header("Host", "localhost:" + root.getPort()).header("Origin", "http://localhost:" + root.getPort())
                .post("/admin/endpoints/node-c/undrain").then().statusCode(200).body("drained", equalTo(false));
    }

    /** The first {@code count} events of a feed, each as its lines joined by a newline. */
    private List<String> events(int count, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + "internal/dashboard/events"))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<java.io.InputStream> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            StringBuilder event = new StringBuilder();
            while (events.size() < count) {
                String line = lines.readLine();
                assertThat(line).as("the feed ended early").isNotNull();
                if (line.isEmpty()) {
                    events.add(event.toString());
                    event.setLength(0);
                } else {
                    event.append(event.isEmpty() ? "" : "\n").append(line);
                }
            }
        }
        return events;
    }
}
