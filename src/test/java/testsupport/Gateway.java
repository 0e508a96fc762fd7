package testsupport;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import adapters.sim.SimulatedOllama;

/** Test helpers that talk to the running gateway the way a client would. */
public final class Gateway {

    private Gateway() {
    }

    /** Every endpoint of {@link SimFleet} but vllm-wrong-token, which never passes its health check. */
    public static final int ROUTABLE = 7;

    /** Resets every node to healthy behaviour and waits until the gateway routes to all of them again. */
    public static void healthyFleet() {
        SimFleet.NODES.values().forEach(sim -> {
            sim.faults().reset();
            sim.restart();
        });
        // Checked since the restarts: a check that was under way during one may mark its node down a moment after
        // a status read before it said up. Up is not enough either: a node that failed in the test before may be up
        // again behind a breaker still open.
        Instant restarted = Instant.now();
        await("all endpoints checked since their restart, up and routable",
                () -> checkedSince(restarted) && routable() == ROUTABLE && routableNodes() == ROUTABLE);
    }

    private static boolean checkedSince(Instant when) {
        List<Map<String, Object>> nodes = given().get("/internal/status").then().extract().path("endpoints");
        return nodes.stream().filter(node -> SimFleet.NODES.containsKey((String) node.get("name")))
                .allMatch(node -> node.get("last_check") instanceof String checked
                        && Instant.parse(checked).isAfter(when));
    }

    /** Nodes a request may go to now: up, of a known type, not drained, not behind a breaker still open. */
    public static int routableNodes() {
        List<Boolean> routable = given().get("/internal/status").then().extract().path("endpoints.routable");
        return (int) routable.stream().filter(Boolean::booleanValue).count();
    }

    public static int routable() {
        return given().get("/internal/status").then().extract().path("routable_endpoints");
    }

    public static String status(String endpoint) {
        return (String) nodeView(endpoint).get("status");
    }

    /** One node as {@code /internal/status} shows it; empty when the fleet has no node of that name. */
    public static Map<String, Object> nodeView(String name) {
        List<Map<String, Object>> nodes = given().get("/internal/status").then().extract().path("endpoints");
        return nodes.stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(Map.of());
    }

    /** The models a node lists on the status page; none when the fleet has no node of that name. */
    @SuppressWarnings("unchecked")
    public static List<String> models(String name) {
        Object models = nodeView(name).get("models");
        return models == null ? List.of() : (List<String>) models;
    }

    public static int totalInFlight() {
        List<Integer> counts = given().get("/internal/status").then().extract().path("endpoints.in_flight");
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    public static void awaitNoneInFlight() {
        await("in-flight counts back to zero", () -> totalInFlight() == 0);
    }

    public static Response chat(String model) {
        return given().contentType(ContentType.JSON)
                .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"stream\":false}")
                .post("/api/chat");
    }

    public static String servedBy(String model) {
        Response response = chat(model);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "chat " + model + " answered " + response.statusCode() + ": " + response.asString());
        }
        return response.header("X-Drover-Endpoint");
    }

    /** Which node served each of {@code count} chats for {@code model}, in order. */
    public static List<String> times(int count, String model) {
        List<String> servers = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            servers.add(servedBy(model));
        }
        return servers;
    }

    public static SimulatedOllama node(String name) {
        return SimFleet.node(name);
    }

    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
