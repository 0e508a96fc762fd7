package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What operators and nodes change at run time survives a restart of the packaged gateway: a node added over the
 * admin API, a drained node, a node registered by heartbeat with a single-use token (which keeps working for that
 * node and stays spent for any other) — on the embedded database and on PostgreSQL.
 */
class FleetStatePackagedIT {

    private static final String SECRET = "a-relay-secret-for-the-restart-tests-0123";
    private static final String PG_DATABASE = "drover_restart_it";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private PackagedDrover drover;
    private String base;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Test
    void shouldRestoreRunTimeChangesAfterARestartOnTheEmbeddedDatabase() throws Exception {
        shouldRestoreRunTimeChangesAfterARestart("database:\n  path: " + dir.resolve("data") + "\n");
    }

    @Test
    @EnabledIf("testsupport.Builds#postgresql")
    void shouldRestoreRunTimeChangesAfterARestartOnPostgresql() throws Exception {
        try {
            postgres("DROP DATABASE IF EXISTS " + PG_DATABASE, "CREATE DATABASE " + PG_DATABASE);
            shouldRestoreRunTimeChangesAfterARestart("database:\n  postgresql: true\n  url: jdbc:postgresql://"
                    + "127.0.0.1:5432/" + PG_DATABASE + "\n  username: postgres\n");
        } finally {
            stopAll();
            processes.clear();
            postgres("DROP DATABASE IF EXISTS " + PG_DATABASE);
        }
    }

    @Test
    void shouldKeepADrainedNodeOutFromTheVeryFirstRequestAfterARestart() throws Exception {
        // Given: two nodes with the same model, one of them drained
        drover = new PackagedDrover(dir);
        String kept = sim("kept", "llama3.2");
        String drainedNode = sim("drained", "llama3.2");
        int port = PackagedDrover.freePort();
        base = "http://127.0.0.1:" + port;
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "server:\n  port: " + port + "\nproxy:\n  load_balancer: round-robin\n"
                + "discovery:\n  static:\n    endpoints:\n"
                + "      - name: kept\n        url: " + kept + "\n        check_interval: 200ms\n"
                + "      - name: drained\n        url: " + drainedNode + "\n        check_interval: 200ms\n"
                + "database:\n  path: " + dir.resolve("data") + "\n");
        Process first = gateway(config);
        PackagedDrover.awaitBody(base + "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}");
        assertThat(send("POST", "/admin/endpoints/drained/drain", "").statusCode()).isEqualTo(200);
        PackagedDrover.stop(first);

        // When: the gateway starts again and clients call it from the first moment it accepts a connection
        gateway(config);
        List<String> servers = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (servers.size() < 30 && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = chat("llama3.2");
                if (answer.statusCode() == 200) {
                    servers.add(answer.headers().firstValue("X-Drover-Endpoint").orElse("?"));
                }
            } catch (java.io.IOException notListeningYet) {
                Thread.sleep(20);
            }
        }

        // Then: every answer came from the node that is not drained
        assertThat(servers).hasSize(30).containsOnly("kept");
    }

    private void shouldRestoreRunTimeChangesAfterARestart(String database) throws Exception {
        // Given: a configured node, a node to add, a node that registers by heartbeat
        drover = new PackagedDrover(dir);
        String fixed = sim("fixed", "llama3.2");
        String extra = sim("extra", "mistral:7b");
        String laptop = sim("laptop", "phi3:mini");
        int port = PackagedDrover.freePort();
        base = "http://127.0.0.1:" + port;
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "server:\n  port: " + port + "\ndiscovery:\n  static:\n    endpoints:\n"
                + "      - name: fixed\n        url: " + fixed + "\n        check_interval: 500ms\n"
                + "  relay:\n    enabled: true\n    secret: " + SECRET + "\n    heartbeat_ttl: 60s\n"
                + "    heartbeat_expiry: 120s\n" + database);
        Process first = gateway(config);
        PackagedDrover.awaitBody(base + "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}");

        // When: an operator adds a node and drains another; a node registers with a single-use token
        assertThat(send("POST", "/admin/endpoints", "{\"name\":\"extra\",\"url\":\"" + extra
                + "\",\"weight\":3,\"num_parallel\":2}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/admin/endpoints/fixed/drain", "").statusCode()).isEqualTo(200);
        String token = new JsonObject(send("POST", "/admin/tokens", "{\"single_use\":true,\"ttl\":\"1h\"}").body())
                .getString("token");
        assertThat(heartbeat(token, "laptop", laptop).statusCode()).isEqualTo(200);
        PackagedDrover.stop(first);
        Process second = gateway(config);

        // Then: after the restart, all of it is back (routed to once the added node has answered its first check, as
        // every node is: on a loaded machine the list can show it before)
        JsonArray endpoints = awaitEndpoints(e -> e.size() == 3 && "up".equals(find(e, "extra").getString("status")));
        assertThat(find(endpoints, "extra").getString("origin")).isEqualTo("admin");
        assertThat(find(endpoints, "extra").getInteger("weight")).isEqualTo(3);
        assertThat(find(endpoints, "extra").getInteger("num_parallel")).isEqualTo(2);
        assertThat(find(endpoints, "laptop").getString("origin")).isEqualTo("heartbeat");
        assertThat(find(endpoints, "fixed").getBoolean("drained")).isTrue();
        assertThat(chat("mistral:7b").headers().firstValue("X-Drover-Endpoint")).hasValue("extra");
        HttpResponse<String> drained = chat("llama3.2");
        assertThat(drained.statusCode()).isEqualTo(503);
        assertThat(drained.body()).contains("fixed (drained)");
        assertThat(heartbeat(token, "laptop", laptop).statusCode()).as("the token keeps working for its node")
                .isEqualTo(200);
        HttpResponse<String> replay = heartbeat(token, "intruder", laptop);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("was already used");
        PackagedDrover.stop(second);
    }

    private String sim(String name, String models) throws Exception {
        int port = PackagedDrover.freePort();
        processes.add(drover.background(Map.of(), "sim", "--port", Integer.toString(port), "--name", name,
                "--models", models, "--token-ms", "0"));
        return "http://127.0.0.1:" + port;
    }

    private Process gateway(Path config) throws Exception {
        Process gateway = drover.background(Map.of(), "serve", "--config", config.toString());
        processes.add(gateway);
        return gateway;
    }

    private JsonArray awaitEndpoints(Predicate<JsonArray> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonArray endpoints = new JsonArray();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> list = send("GET", "/admin/endpoints", null);
                endpoints = list.statusCode() == 200
                        ? new JsonObject(list.body()).getJsonArray("endpoints")
                        : endpoints;
                if (condition.test(endpoints)) {
                    return endpoints;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the restored fleet never showed; last seen: " + endpoints.encodePrettily());
    }

    private static JsonObject find(JsonArray endpoints, String name) {
        for (int i = 0; i < endpoints.size(); i++) {
            if (name.equals(endpoints.getJsonObject(i).getString("name"))) {
                return endpoints.getJsonObject(i);
            }
        }
        throw new AssertionError("no endpoint " + name + " in " + endpoints.encode());
    }

    private HttpResponse<String> chat(String model) throws Exception {
        return send("POST", "/api/chat", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"stream\":false}");
    }

    private HttpResponse<String> heartbeat(String token, String name, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/nodes/heartbeat"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void postgres(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
                "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
