package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import testsupport.Gateway;
import testsupport.SimFleet;

@QuarkusTest
@TestProfile(SecuredGateway.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class SecurityIT {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final String CHAT = "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String OPENAI_CHAT = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    @Inject
    SecurityClock clock;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void freshBuckets() {
        clock.advance(Duration.ofMinutes(1));
        Logger.getLogger("").addHandler(capture);
        Gateway.await("a routable node", () -> given().header("X-API-Key", SecuredGateway.OPS)
                .get("/internal/status").then().extract().<Integer>path("routable_endpoints") > 0);
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void shouldAcceptAKeyInEitherHeader() {
        // When / Then
        client().header("Authorization", "Bearer " + SecuredGateway.ALICE).body(CHAT).post("/api/chat").then()
                .statusCode(200).body("done", equalTo(true));
        client().header("X-API-Key", SecuredGateway.ALICE).body(OPENAI_CHAT).post("/v1/chat/completions").then()
                .statusCode(200).body("object", equalTo("chat.completion"));
    }

    @Test
    void shouldRefuseAMissingOrUnknownKeyInTheClientsProtocol() {
        // When / Then
        client().body(CHAT).post("/api/chat").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"drover\"")
                .body("error", containsString("missing API key"));
        client().header("Authorization", "Bearer not-a-key-of-this-gateway").body(OPENAI_CHAT)
                .post("/v1/chat/completions").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"drover\"")
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", equalTo("invalid API key"))
                .body(not(containsString("not-a-key-of-this-gateway")));
        client().header("X-API-Key", SecuredGateway.OPS).get("/api/tags").then().statusCode(401);
        assertThat(String.join("\n", logged)).doesNotContain("not-a-key-of-this-gateway")
                .doesNotContain(SecuredGateway.OPS);
    }

    @Test
    void shouldForbidModelsOutsideTheKeysPatterns() {
        // When / Then
        client().header("X-API-Key", SecuredGateway.ALICE).body("{\"model\":\"qwen3:8b\",\"messages\":[]}")
                .post("/api/chat").then().statusCode(403)
                .body("error", equalTo("key 'alice' may not use model 'qwen3:8b'"));
        client().header("X-API-Key", SecuredGateway.ALICE).body("{\"model\":\"phi3:mini\",\"messages\":[]}")
                .post("/v1/chat/completions").then().statusCode(403).body("error.type", equalTo("permission_error"));
        client().header("X-API-Key", SecuredGateway.ALICE).header("X-Drover-Endpoint", "node-a")
                .body("{\"model\":\"llama3.2\"}").post("/api/pull").then().statusCode(403);
        client().header("X-API-Key", SecuredGateway.BOB).body("{\"model\":\"qwen3:8b\",\"messages\":[]}")
                .post("/api/chat").then().statusCode(200);
    }

    @Test
    void shouldJudgeAnAliasByTheModelItStandsForWhenItsNameIsNotAllowed() {
        // When / Then: alice may use llama3*; "assistant" stands for llama3.2, "helper" for qwen3:8b
        client().header("X-API-Key", SecuredGateway.ALICE)
                .body("{\"model\":\"assistant\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/api/chat").then().statusCode(200).body("model", equalTo("assistant"));
        client().header("X-API-Key", SecuredGateway.ALICE)
                .body("{\"model\":\"helper\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/api/chat").then().statusCode(403);
    }

    @Test
    void shouldLimitEachKeyAndRecoverAfterTheInterval() {
        // Given
        client().header("X-API-Key", SecuredGateway.BOB).body(CHAT).post("/api/chat").then().statusCode(200)
                .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "1");
        client().header("X-API-Key", SecuredGateway.BOB).body(CHAT).post("/api/chat").then().statusCode(200)
                .header("X-RateLimit-Remaining", "0");

        // When
        Response refused = client().header("X-API-Key", SecuredGateway.BOB).body(OPENAI_CHAT)
                .post("/v1/chat/completions");

        // Then
        refused.then().statusCode(429).header("Retry-After", "5").header("X-RateLimit-Limit", "2")
                .header("X-RateLimit-Remaining", "0").header("X-RateLimit-Reset", "10")
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.message", containsString("key bob"));
        clock.advance(Duration.ofSeconds(5));
        client().header("X-API-Key", SecuredGateway.BOB).body(CHAT).post("/api/chat").then().statusCode(200);
    }

    @Test
    void shouldLimitEachClientAddressBehindATrustedProxy() {
        // Given: three requests from 198.51.100.7 as the trusted proxy (127.0.0.1) saw it
        for (int i = 0; i < 3; i++) {
            from("203.0.113.1, 198.51.100.7").header("X-API-Key", SecuredGateway.ALICE).body(CHAT).post("/api/chat")
                    .then().statusCode(200);
        }

        // When: the client changes what it writes itself to the left of the proxy's entry
        Response spoofed = from("10.9.9.9, 198.51.100.7").header("X-API-Key", SecuredGateway.ALICE).body(CHAT)
                .post("/api/chat");

        // Then: still the same client; another client is not affected; the bucket refills
        spoofed.then().statusCode(429).body("error", containsString("address 198.51.100.7"))
                .header("Retry-After", "4");
        from("198.51.100.8").header("X-API-Key", SecuredGateway.ALICE).body(CHAT).post("/api/chat").then()
                .statusCode(200);
        clock.advance(Duration.ofSeconds(4));
        from("198.51.100.7").header("X-API-Key", SecuredGateway.ALICE).body(CHAT).post("/api/chat").then()
                .statusCode(200);
    }

    @Test
    void shouldLimitEveryoneTogetherWithTheGlobalBucket() {
        // Given
        for (int i = 0; i < 30; i++) {
            client().header("X-API-Key", SecuredGateway.ALICE).get("/api/version").then().statusCode(200);
        }

        // When
        Response refused = client().header("X-API-Key", SecuredGateway.ALICE).get("/api/version");

        // Then
        refused.then().statusCode(429).body("error", containsString("the gateway")).header("Retry-After", "1");
        clock.advance(Duration.ofMillis(100));
        client().header("X-API-Key", SecuredGateway.ALICE).get("/api/version").then().statusCode(200);
    }

    @Test
    void shouldKeepAdminAndOperationsRoutesForAdminKeys() {
        // When / Then
        given().post("/admin/tokens").then().statusCode(401).body("error", containsString("admin key"));
        given().header("X-API-Key", SecuredGateway.ALICE).post("/admin/tokens").then().statusCode(401);
        given().header("Authorization", "Bearer " + SecuredGateway.OPS).post("/admin/tokens").then()
                .statusCode(200).body("token", org.hamcrest.Matchers.startsWith("drv1."));
        given().get("/internal/status").then().statusCode(401);
        given().header("X-API-Key", SecuredGateway.OPS).get("/internal/status").then().statusCode(200)
                .body(not(containsString(SecuredGateway.ALICE)));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/").then().statusCode(200);
    }

    @Test
    void shouldAnswerBrowserPreflightsForAllowedOriginsOnly() {
        // When / Then
        given().header("Origin", SecuredGateway.ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/v1/chat/completions").then().statusCode(200)
                .header("Access-Control-Allow-Origin", SecuredGateway.ORIGIN);
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .options("/v1/chat/completions").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        client().header("Origin", SecuredGateway.ORIGIN).header("X-API-Key", SecuredGateway.ALICE).body(CHAT)
                .post("/api/chat").then().statusCode(200)
                .header("Access-Control-Allow-Origin", SecuredGateway.ORIGIN);
    }

    /** A request as if from its own client address, through the trusted proxy. */
    private static RequestSpecification client() {
        int n = ADDRESSES.incrementAndGet();
        return from("198.18." + (n / 250) + "." + (n % 250 + 1));
    }

    private static RequestSpecification from(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).contentType("application/json");
    }
}
