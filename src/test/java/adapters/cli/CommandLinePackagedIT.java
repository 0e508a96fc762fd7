package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import adapters.cli.PackagedDrover.Run;

/** The packaged executable as a user runs it: commands, help, config resolution and one-line config errors. */
class CommandLinePackagedIT {

    @TempDir
    Path dir;

    @Test
    void shouldStopWithOneLineNamingAnUnknownBalancer() throws Exception {
        assertStopsWith("proxy:\n  load_balancer: fastest\n",
                "drover: invalid config: proxy.load_balancer = 'fastest': expected one of round-robin, priority,"
                        + " least-connections, warm-first");
    }

    @Test
    @EnabledIf(value = "testsupport.Builds#standard", disabledReason = "the full build has the request log")
    void shouldStopTheStandardBuildWithOneLineWhenTheRequestLogIsAskedFor() throws Exception {
        assertStopsWith("database:\n  request_log:\n    enabled: true\n",
                "drover: invalid config: database.request_log.enabled = 'true': needs the request log's database, which"
                        + " this build of Drover leaves out; run the full build: ./mvnw package -Dfull (DROVER_BUILD=full"
                        + " ./drover), or the image built with --build-arg BUILD=full (docs/operations.md, \"Two"
                        + " builds\")");
    }

    @Test
    void shouldStopWithOneLineNamingADuplicateEndpoint() throws Exception {
        assertStopsWith("""
                discovery:
                  static:
                    endpoints:
                      - name: gpu
                        url: http://127.0.0.1:1
                      - name: gpu
                        url: http://127.0.0.1:2
                """, "drover: invalid config: discovery.static.endpoints[1].name = 'gpu': duplicate endpoint name");
    }

    @Test
    void shouldStopWithOneLineNamingAWeightOutOfRange() throws Exception {
        assertStopsWith("""
                discovery:
                  static:
                    endpoints:
                      - name: gpu
                        url: http://127.0.0.1:1
                        weight: 0
                """,
                "drover: invalid config: discovery.static.endpoints[0].weight = '0': must be a whole number from 1 to 1000");
    }

    @Test
    void shouldStopWithOneLineNamingANegativeLimit() throws Exception {
        assertStopsWith("""
                discovery:
                  static:
                    endpoints:
                      - name: gpu
                        url: http://127.0.0.1:1
                        max_concurrency: -3
                """,
                "drover: invalid config: discovery.static.endpoints[0].max_concurrency = '-3': must not be negative");
    }

    @Test
    void shouldStopWithOneLineNamingAZeroHealthThreshold() throws Exception {
        assertStopsWith("discovery:\n  health:\n    unhealthy_threshold: 0\n",
                "drover: invalid config: discovery.health.unhealthy_threshold = '0': must be at least 1");
    }

    @Test
    void shouldStopWithOneLineNamingAMissingEnvironmentVariableForAToken() throws Exception {
        assertStopsWith("""
                discovery:
                  static:
                    endpoints:
                      - name: vllm
                        url: http://127.0.0.1:8000/v1
                        type: openai
                        auth:
                          token: ${DROVER_IT_SURELY_UNSET_TOKEN}
                """, "drover: invalid config: discovery.static.endpoints[0].auth.token ="
                + " '${DROVER_IT_SURELY_UNSET_TOKEN}': environment variable DROVER_IT_SURELY_UNSET_TOKEN is not set");
    }

    @Test
    void shouldStopWithOneLineNamingAMissingHeaderNameWithoutShowingTheToken() throws Exception {
        assertStopsWith("""
                discovery:
                  static:
                    endpoints:
                      - name: lmstudio
                        url: http://127.0.0.1:1234
                        type: openai
                        auth:
                          type: header
                          token: very-secret-value
                """, "drover: invalid config: discovery.static.endpoints[0].auth.header_name = '': required with"
                + " type: header");
    }

    @Test
    void shouldStopWithOneLineNamingABadTracingBlock() throws Exception {
        assertStopsWith("tracing:\n  enabled: true\n  protocol: udp\n",
                "drover: invalid config: tracing.protocol = 'udp': expected grpc or http/protobuf");
        assertStopsWith("tracing:\n  enabled: true\n  sample_ratio: 2\n",
                "drover: invalid config: tracing.sample_ratio = '2.0': expected a number from 0 to 1");
        assertStopsWith("tracing:\n  enabled: true\n  endpoint: collector:4317\n",
                "drover: invalid config: tracing.endpoint = 'collector:4317': expected the collector's http(s) URL,"
                        + " like http://localhost:4317");
    }

    @Test
    void shouldBeReadyWithNoNodeAndShowTheFleetApart() throws Exception {
        // Given: a gateway whose fleet is empty, written as an empty list (its nodes would join over the relay)
        int port = freePort();
        Path config = write("server:\n  port: " + port + "\ndiscovery:\n  static:\n    endpoints: []\n");
        Process gateway = background(Map.of(), "serve", "--config", config.toString());
        HttpClient http = HttpClient.newHttpClient();
        try {
            // When
            String base = "http://127.0.0.1:" + port;
            awaitStatus(http, base + "/q/health/live", 200);

            // Then: ready to take requests (and to let agents in); the fleet's state is shown in its own group
            awaitStatus(http, base + "/q/health/ready", 200);
            assertThat(status(http, base + "/q/health/group/state")).isEqualTo(503);
        } finally {
            PackagedDrover.stop(gateway);
        }
    }

    @Test
    void shouldStartAGatewayWithoutTheCommandLineLibraryWhoseClassesTheJvmCannotCache() throws Exception {
        // Given: the JVM's record of every class it loads
        int port = freePort();
        Path config = write("server:\n  port: " + port + "\ndiscovery:\n  static:\n    endpoints: []\n");
        Path classes = dir.resolve("classes.log");
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
        HttpClient http = HttpClient.newHttpClient();

        // When: a gateway's start as the images and manifests write it, until it is ready
        Process gateway = background(env, "serve", "--config=" + config);
        try {
            awaitStatus(http, "http://127.0.0.1:" + port + "/q/health/ready", 200);
        } finally {
            PackagedDrover.stop(gateway);
        }

        // Then: picocli was never loaded; help, which needs it, still has it
        assertThat(Files.readString(classes)).contains("adapters.cli.GatewayApp ").doesNotContain("picocli.");
        assertThat(drover(env, "serve", "--config", config.toString(), "--help").exit()).isZero();
        assertThat(Files.readString(classes)).contains("picocli.CommandLine ");
    }

    @Test
    void shouldStopASecondGatewayPointedAtADatabaseInUse() throws Exception {
        shouldStopASecondGatewayPointedAtAFolderInUse("", "its fleet state (");
    }

    @Test
    @EnabledIf(value = "testsupport.Builds#full", disabledReason = "the request log is in the full build only")
    void shouldStopASecondGatewayPointedAtARequestLogInUse() throws Exception {
        shouldStopASecondGatewayPointedAtAFolderInUse("database:\n  request_log:\n    enabled: true\n",
                "its database file (");
    }

    private void shouldStopASecondGatewayPointedAtAFolderInUse(String database, String what) throws Exception {
        // Given: a gateway running with its saved state (and, with the request log on, its embedded database) here
        int port = freePort();
        Path config = write("server:\n  port: " + port + "\n" + database);
        Process first = background(Map.of(), "serve", "--config", config.toString());
        try {
            awaitStatus(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/q/health/ready", 200);

            // When: a second one is started from the same folder
            long start = System.nanoTime();
            Run second = drover(Map.of(), "serve", "--config", write("server:\n  port: " + freePort() + "\n"
                    + database).toString());

            // Then: it stops at once with one line saying what to change, and the first one serves on
            assertThat(second.exit()).isNotZero();
            assertThat(second.stderr()).singleElement().asString().startsWith(
                    "drover: invalid config: database.path = './data': " + what).endsWith(
                            "is locked by another running Drover; give each instance its own database.path");
            // (before the framework starts: a full boot of the full build takes longer on a loaded 2-core machine, where
            // this check measured up to 4.4 s while the first gateway was still warming up)
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to the error").isLessThan(6_000);
            assertThat(status(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/q/health/ready"))
                    .isEqualTo(200);
        } finally {
            PackagedDrover.stop(first);
        }
    }

    @Test
    void shouldCloseSilentConnectionsButNeverAnAnswerThatIsSlowToStart() throws Exception {
        // Given: a node that takes 4 s to its first byte, a gateway with a header timeout of 2 s
        int simPort = freePort();
        int port = freePort();
        Process sim = background(Map.of(), "sim", "--port", Integer.toString(simPort), "--name", "slow",
                "--token-ms", "0");
        Path config = write("server:\n  port: " + port + "\n  header_timeout: 2s\ndiscovery:\n  static:\n"
                + "    endpoints:\n      - name: slow\n        url: http://127.0.0.1:" + simPort + "\n");
        Process gateway = background(Map.of(), "serve", "--config", config.toString());
        HttpClient http = HttpClient.newHttpClient();
        List<java.net.Socket> idle = new ArrayList<>();
        try {
            awaitBody("http://127.0.0.1:" + port + "/api/generate",
                    "{\"model\":\"llama3.2\",\"prompt\":\"warm\",\"stream\":false}");
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simPort + "/_sim/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"first_byte_delay_ms\":4000}")).build(),
                    HttpResponse.BodyHandlers.discarding());

            // When: 200 connections that send nothing, one that sends half a request head, and a slow answer
            for (int i = 0; i < 200; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
                socket.setSoTimeout(6_000);
                idle.add(socket);
            }
            idle.get(0).getOutputStream().write("GET /api/tags HTTP/1.1\r\nHost: x\r\n".getBytes());
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/generate")).version(HttpClient.Version.HTTP_1_1)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"prompt\":\"hi\","
                            + "\"stream\":false}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            // Then: the silent ones are closed after the header timeout, the slow answer arrives whole
            for (java.net.Socket socket : idle) {
                assertThat(socket.getInputStream().read()).as("closed by the gateway").isEqualTo(-1);
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until all were closed").isLessThan(4_000);
            HttpResponse<String> answer = slow.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"done\":true");
        } finally {
            for (java.net.Socket socket : idle) {
                socket.close();
            }
            PackagedDrover.stop(gateway);
            sim.destroy();
        }
    }

    @Test
    void shouldRunTheDemoBesideAGatewayInTheSameFolder() throws Exception {
        // Given: the demo started in this folder
        int demoPort = freePort();
        Process demo = background(Map.of(), "demo", "--port", Integer.toString(demoPort));
        HttpClient http = HttpClient.newHttpClient();
        try {
            awaitStatus(http, "http://127.0.0.1:" + demoPort + "/q/health/ready", 200);

            // When: a gateway with the default database folder starts beside it
            int port = freePort();
            Process gateway = background(Map.of(), "serve", "--config", write("server:\n  port: " + port + "\n")
                    .toString());
            try {
                // Then: both serve; the demo left nothing in the folder
                awaitStatus(http, "http://127.0.0.1:" + port + "/q/health/ready", 200);
                assertThat(status(http, "http://127.0.0.1:" + demoPort + "/api/tags")).isEqualTo(200);
                assertThat(dir.resolve("data")).isDirectory();
                assertThat(Files.list(dir.resolve("data")).map(p -> p.getFileName().toString()))
                        .containsExactly("fleet.lock");
            } finally {
                PackagedDrover.stop(gateway);
            }
        } finally {
            PackagedDrover.stop(demo);
        }
    }

    @Test
    void shouldNotAnnounceASecondDemoOnAPortInUse() throws Exception {
        // Given: a demo serving on a port
        int demoPort = freePort();
        Process first = background(Map.of(), "demo", "--port", Integer.toString(demoPort));
        try {
            awaitStatus(HttpClient.newHttpClient(), "http://127.0.0.1:" + demoPort + "/api/tags", 200);

            // When: a second demo is started on the same port
            Run second = drover(Map.of(), "demo", "--port", Integer.toString(demoPort));

            // Then: it fails saying why, and never claims to be up (the first one answering for it)
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.stderr()).anyMatch(line -> line.contains("Port already bound: " + demoPort));
            assertThat(second.stdout()).noneMatch(line -> line.contains("Drover demo is up"));
        } finally {
            PackagedDrover.stop(first);
        }
    }

    private static void awaitStatus(HttpClient http, String url, int expected) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (status(http, url) == expected) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as(url + " answers " + expected + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void shouldStopWhenATrustedProxyOnThisMachineWouldMakeEveryCallerLocal() throws Exception {
        assertStopsWith("security:\n  trusted_proxies: [127.0.0.1/32]\n",
                "drover: invalid config: security.admin_keys = '[]': required when security.trusted_proxies includes"
                        + " this machine (a loopback address): every caller through that proxy would count as this"
                        + " machine and could change the fleet");
        assertStopsWith("""
                security:
                  trusted_proxies: [127.0.0.0/8]
                  admin_keys: [{name: ops, key: ops-key-0123456789abcdef}]
                """, "drover: invalid config: security.operations_access = 'loopback': cannot tell this machine from"
                + " callers of a proxy on it (security.trusted_proxies includes a loopback address); set keyed (an"
                + " admin key) or open");
    }

    /** Starting with this config.yaml exits non-zero with exactly this one line on stderr. */
    private void assertStopsWith(String yaml, String line) throws Exception {
        assertStopsWith(yaml, line, "serve", "--config");
    }

    /** As above, with the command given before the file (bare {@code drover --config FILE} is serve too). */
    private void assertStopsWith(String yaml, String line, String... command) throws Exception {
        // Given
        Path config = write(yaml);
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = config.toString();

        // When
        long start = System.nanoTime();
        Run run = drover(Map.of(), args);

        // Then: found before the framework starts
        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).containsExactly(line.replace("{file}", config.getFileName().toString()));
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to the error").isLessThan(3_000);
    }

    @Test
    void shouldStopWithOneLineForABlockWrittenTwiceOrASizeSpeltWrong() throws Exception {
        assertStopsWith("server:\n  port: 11999\nproxy:\n  max_attempts: 2\nserver:\n  body_timeout: 10s\n",
                "drover: invalid config: server = 'written twice': each key may appear once in its block ("
                        + "{file} line 5); merge the two");
        assertStopsWith("server:\n  max_body_size: 32MB\n", "drover: invalid config: server.max_body_size = '32MB':"
                + " expected a size such as 512K, 32M or 1G");
        assertStopsWith("server:\n  max_body_size: 100M\n", "drover: invalid config: server.body_memory = '64M': must"
                + " be at least server.max_body_size (100M), or no body of that size could ever be read");
        assertStopsWith("server:\n  prot: 11999\n", "drover: invalid config: server.prot = '11999': is not a"
                + " Drover setting (a typo? every key is in docs/configuration.md)");
        assertStopsWith("server:\n  body_temp_path: /no/such/dir\n", "drover: invalid config: server.body_temp_path ="
                + " '/no/such/dir': must be a directory Drover can write to (request bodies over 16 KB are written"
                + " there)");
    }

    @Test
    void shouldCheckAConfigAndPrintItWithoutSecretsOrStartingAnything() throws Exception {
        // Given
        Path config = write(
                "server:\n  port: 11998\nsecurity:\n  api_keys: [{name: web, key: a-very-secret-key-0001}]\n");

        // When
        Run run = drover(Map.of(), "config", "check", "--config", config.toString());
        Run bad = drover(Map.of(), "config", "check", "--config", write("proxy:\n  max_attempts: 0\n").toString());

        // Then
        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).contains("server.port = 11998", "security.api_keys[0].name = web",
                "security.api_keys[0].key = <hidden>", "proxy.max_attempts = 3").noneMatch(
                        l -> l.contains(
                                "a-very-secret-key-0001"));
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr())
                .containsExactly("drover: invalid config: proxy.max_attempts = '0': must be at least 1");
    }

    @Test
    void shouldRefuseAConfigFileThatDoesNotExist() throws Exception {
        // When
        Run run = drover(Map.of("DROVER_CONFIG", dir.resolve("missing.yaml").toString()), "serve");

        // Then
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).singleElement().asString().startsWith("drover: config file not found:")
                .endsWith("missing.yaml");
    }

    @Test
    void shouldDescribeEveryCommand() throws Exception {
        for (String command : List.of("serve", "demo", "sim", "token", "config")) {
            // When
            Run run = drover(Map.of(), command, "--help");

            // Then
            assertThat(run.exit()).as(command).isZero();
            assertThat(String.join("\n", run.stdout())).as(command).contains("Usage: drover " + command);
        }
    }

    @Test
    void shouldServeAFleetOfASimulatedNode() throws Exception {
        // Given
        int simPort = freePort();
        int gatewayPort = freePort();
        Process sim = background(Map.of(), "sim", "--port", Integer.toString(simPort), "--name", "solo", "--token-ms",
                "0");
        Path config = write("server:\n  port: " + gatewayPort + "\ndiscovery:\n  static:\n    endpoints:\n"
                + "      - name: solo\n        url: http://127.0.0.1:" + simPort + "\n");
        Process gateway = background(Map.of("DROVER_CONFIG", config.toString()));
        try {
            // When
            String reply = awaitBody("http://127.0.0.1:" + gatewayPort + "/api/generate",
                    "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}");

            // Then
            assertThat(reply).contains("Hello from solo");
        } finally {
            gateway.destroy();
            sim.destroy();
            assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).isTrue();
            sim.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldLetAStreamInFlightFinishOnSigtermWhileRefusingNewRequests() throws Exception {
        // Given: a node that streams 12 tokens 150 ms apart, a gateway, and one stream under way
        int simPort = freePort();
        int gatewayPort = freePort();
        Process sim = background(Map.of(), "sim", "--port", Integer.toString(simPort), "--name", "solo",
                "--token-ms", "150", "--tokens", "12");
        Path config = write("server:\n  port: " + gatewayPort + "\n  drain_timeout: 20s\ndiscovery:\n  static:\n"
                + "    endpoints:\n      - name: solo\n        url: http://127.0.0.1:" + simPort + "\n");
        Process gateway = background(Map.of("DROVER_CONFIG", config.toString()));
        String base = "http://127.0.0.1:" + gatewayPort;
        HttpClient http = HttpClient.newHttpClient();
        try {
            awaitBody(base + "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"warm\",\"stream\":false}");
            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/api/generate"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"prompt\":\"hi\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            java.util.Iterator<String> lines = stream.get(10, TimeUnit.SECONDS).body().iterator();
            lines.next();

            // When
            gateway.destroy();
            Thread.sleep(300);

            // Then: draining: not ready, new requests refused, the stream runs to its end, then the process exits
            assertThat(status(http, base + "/q/health/ready")).isEqualTo(503);
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/api/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"prompt\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("shutting down");
            List<String> rest = new ArrayList<>();
            lines.forEachRemaining(rest::add);
            assertThat(rest.get(rest.size() - 1)).contains("\"done\":true");
            assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).as("gateway exits after the drain").isTrue();
        } finally {
            gateway.destroyForcibly();
            sim.destroy();
            sim.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldMintAnEnrollmentTokenWithTheSecretFromConfig() throws Exception {
        // Given
        Path config = write("discovery:\n  relay:\n    secret: ${DROVER_IT_RELAY_SECRET}\n");

        // When
        Run minted = drover(Map.of("DROVER_IT_RELAY_SECRET", "0123456789abcdef0123456789abcdef"), "token",
                "create", "--config", config.toString(), "--ttl", "7d", "--single-use", "--name", "gpu-home");
        Run unset = drover(Map.of(), "token", "create", "--config", config.toString());

        // Then
        assertThat(minted.exit()).isZero();
        assertThat(minted.stdout()).singleElement().asString().matches("drv1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(unset.exit()).isEqualTo(1);
        assertThat(unset.stderr()).containsExactly("drover: invalid config: discovery.relay.secret ="
                + " '${DROVER_IT_RELAY_SECRET}': its environment variable is not set");
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Run drover(Map<String, String> env, String... args) throws Exception {
        return new PackagedDrover(dir).run(env, args);
    }

    private Process background(Map<String, String> env, String... args) throws IOException {
        return new PackagedDrover(dir).background(env, args);
    }

    private static String awaitBody(String url, String body) throws InterruptedException {
        return PackagedDrover.awaitBody(url, body);
    }

    private static int freePort() throws IOException {
        return PackagedDrover.freePort();
    }
}
