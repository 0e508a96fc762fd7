package adapters.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import testsupport.Gateway;
import testsupport.RawHttp;
import testsupport.SimFleet;

/**
 * Who may call what, on every route of the product, with every kind of credential, under every spelling of its path:
 * the decision for a spelling ({@code ;x}, {@code %2e}, {@code ..}, {@code //}, a trailing {@code /}, case, an encoded
 * slash or letter) must be the canonical path's decision. A refusal stays the same refusal; an allowed call may at
 * most find nothing served there (404), never the other way round. And every route the router serves must belong to
 * an area: a route outside every area is unreachable (deny by default), and this test names it.
 */
@QuarkusTest
@TestProfile(SecuredGateway.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class AccessTableIT {

    private static final String CHAT = "{\"model\":\"qwen3:8b\",\"stream\":false,\"messages\":[]}";
    private static final Map<String, String> CREDENTIALS = new LinkedHashMap<>();

    static {
        CREDENTIALS.put("no key", null);
        CREDENTIALS.put("wrong key", "wrong-key-of-nobody-000");
        CREDENTIALS.put("client key", SecuredGateway.BOB);
        CREDENTIALS.put("model-limited key", SecuredGateway.ALICE);
        CREDENTIALS.put("admin key", SecuredGateway.OPS);
    }

    /** A route as a client calls it; {@code door}: the route checks its own token, the gate lets everyone knock. */
    private record Call(String method, String path, String body, boolean door) {
    }

    private static final List<Call> ROUTES = List.of(
            new Call("GET", "/", null, false),
            new Call("GET", "/q/health/live", null, false),
            new Call("GET", "/q/health/ready", null, false),
            new Call("GET", "/dashboard/", null, false),
            new Call("GET", "/dashboard/dashboard.js", null, false),
            new Call("POST", "/nodes/heartbeat", "{}", true),
            new Call("GET", "/relay/connect", null, true),
            new Call("GET", "/api/version", null, false),
            new Call("GET", "/api/tags", null, false),
            new Call("GET", "/api/ps", null, false),
            new Call("POST", "/api/chat", CHAT, false),
            new Call("POST", "/api/generate", "{\"model\":\"qwen3:8b\",\"stream\":false,\"prompt\":\"hi\"}", false),
            new Call("POST", "/api/show", "{\"model\":\"llama3.2\"}", false),
            new Call("POST", "/api/pull", "{\"model\":\"llama3.2\",\"stream\":false}", false),
            new Call("DELETE", "/api/delete", "{\"model\":\"nothing-here\"}", false),
            new Call("GET", "/v1/models", null, false),
            new Call("GET", "/v1/models/llama3.2", null, false),
            new Call("POST", "/v1/chat/completions", CHAT, false),
            new Call("GET", "/admin/endpoints", null, false),
            new Call("GET", "/admin/requests", null, false),
            new Call("GET", "/admin/usage", null, false),
            new Call("POST", "/admin/tokens", "{}", false),
            new Call("POST", "/admin/endpoints/node-a/undrain", null, false),
            new Call("DELETE", "/admin/endpoints/no-such-node", null, false),
            new Call("GET", "/admin/models", null, false),
            new Call("POST", "/admin/models/delete", "{\"model\":\"nothing-here\",\"nodes\":\"node-a\"}", false),
            new Call("GET", "/internal/status", null, false),
            new Call("GET", "/q/metrics", null, false));

    @Inject
    SecurityClock clock;

    @BeforeEach
    void ready() {
        Gateway.await("a routable node", () -> given().header("X-API-Key", SecuredGateway.OPS)
                .get("/internal/status").then().extract().<Integer>path("routable_endpoints") > 0);
    }

    @Test
    void shouldDecideEverySpellingOfAPathAsItsCanonicalPath() {
        // Given
        List<String> wrong = new ArrayList<>();

        // When
        for (Call route : ROUTES) {
            for (Map.Entry<String, String> credential : CREDENTIALS.entrySet()) {
                int canonical = call(route, route.path(), credential.getValue());
                for (String spelling : spellings(route.path())) {
                    int spelled = call(route, spelling, credential.getValue());
                    if (!sameDecision(route, canonical, spelled)) {
                        wrong.add(route.method() + " " + spelling + " with " + credential.getKey() + ": " + spelled
                                + ", but " + route.path() + ": " + canonical);
                    }
                }
            }
        }

        // Then
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldRefuseWhatEachCredentialMayNotDo() {
        // When / Then: the canonical table itself
        assertThat(call(new Call("POST", "/api/chat", CHAT, false), "/api/chat", null)).isEqualTo(401);
        assertThat(call(new Call("GET", "/internal/status", null, false), "/internal/status",
                SecuredGateway.BOB)).isEqualTo(401);
        assertThat(call(new Call("GET", "/admin/endpoints", null, false), "/admin/endpoints",
                SecuredGateway.ALICE)).isEqualTo(401);
        assertThat(call(new Call("POST", "/api/pull", "{\"model\":\"llama3.2\",\"stream\":false}", false),
                "/api/pull", SecuredGateway.ALICE)).isEqualTo(403);
        assertThat(call(new Call("GET", "/api/tags", null, false), "/api/tags", SecuredGateway.OPS))
                .isEqualTo(401);
        for (String nodes : java.util.List.of("*", "node-a,node-b")) {
            assertThat(given().header("X-API-Key", SecuredGateway.ALICE).header("X-Drover-Endpoint", nodes)
                    .body("{\"model\":\"llama3.2\"}").post("/api/pull").statusCode()).as("a fleet pull by a"
                            + " model-limited key")
                    .isEqualTo(403);
        }
        assertThat(given().header("X-API-Key", SecuredGateway.ALICE).header("X-Drover-Nodes", "zone=x")
                .body("{\"model\":\"llama3.2\"}").delete("/api/delete").statusCode()).isEqualTo(403);
        assertThat(call(new Call("GET", "/internal/status", null, false), "/internal/status",
                SecuredGateway.OPS)).isEqualTo(200);
    }

    @Test
    void shouldServeNothingOutsideTheAreasAndClassifyEveryRoute() {
        // When: paths no area holds, whatever the credential
        for (String path : List.of("/q/openapi", "/q/dev-ui", "/favicon.ico", "/nodes", "/relay", "/internalx")) {
            for (String key : CREDENTIALS.values()) {
                assertThat(call(new Call("GET", path, null, false), path, key)).as(path).isEqualTo(404);
            }
        }

        // Then: every route the router declares lies in an area
        // (Quarkus mounts its own endpoints under /q/: health and metrics are in the table, the rest is 404 above.)
        List<String> unclassified = RouteCatalog.paths().stream().filter(p -> !p.equals("/q/"))
                .map(p -> p.replaceAll(":[a-z]+", "x")).map(p -> p.length() > 1 && p.endsWith("/") ? p + "x" : p)
                .filter(p -> Area.of(p) == Area.UNKNOWN).toList();
        assertThat(unclassified).isEmpty();
    }

    /**
     * The gate's refusal (401 here) stays the same refusal; an allowed call is never refused, at most not served under
     * that spelling. A route's own refusal (the model patterns' 403, an enrollment door's 401) may become 404 where
     * the spelling serves nothing, since nothing is then served to refuse.
     */
    private static boolean sameDecision(Call route, int canonical, int spelled) {
        if (canonical != 401 && canonical != 403) {
            return spelled != 401 && spelled != 403;
        }
        boolean routesOwn = canonical == 403 || route.door();
        return spelled == canonical || routesOwn && Set.of(404, 405).contains(spelled);
    }

    private static List<String> spellings(String path) {
        List<String> spellings = new ArrayList<>();
        if (path.equals("/")) {
            return List.of("//", "/.", "/%2e/");
        }
        String[] segments = path.substring(1).split("/");
        String first = segments[0];
        String rest = path.substring(1 + first.length());
        spellings.add("/" + first + ";x" + rest);
        spellings.add("/" + first + ";" + rest);
        spellings.add("/" + first + "/%2e" + rest);
        spellings.add("/nowhere/%2e%2e" + path);
        spellings.add("/nowhere/.." + path);
        spellings.add("/" + path);
        spellings.add("/" + first + "/" + rest);
        spellings.add(path + "/");
        spellings.add("/" + first.toUpperCase(Locale.ROOT) + rest);
        spellings.add("/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest);
        if (segments.length > 1) {
            spellings.add("/" + first + "%2F" + rest.substring(1));
            spellings.add("/" + first + "%2f" + rest.substring(1));
        }
        return spellings;
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    private int call(Call route, String path, String key) {
        // Every call starts with full buckets: the decision under test is access, not rate.
        clock.advance(Duration.ofMinutes(1));
        String body = route.body() == null ? "" : route.body();
        String request = route.method() + " " + path + " HTTP/1.1\r\nHost: x\r\nX-Drover-Endpoint: node-a\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n")
                + "\r\n" + body;
        try {
            return new RawHttp(root.getHost(), root.getPort()).exchange(request).status();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
