package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar the way a user does, in a working directory of the test's own. */
final class PackagedDrover {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path dir;

    PackagedDrover(Path dir) {
        this.dir = dir;
    }

    /** Runs a command to its end. */
    Run run(Map<String, String> env, String... args) throws Exception {
        Process process = builder(env, args).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("drover exits").isTrue();
        return new Run(process.exitValue(), lines(process.getInputStream()), lines(process.getErrorStream()));
    }

    /** A long-running role whose output nobody reads (so it cannot block on a full pipe). */
    Process background(Map<String, String> env, String... args) throws IOException {
        return builder(env, args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** A long-running role whose output goes to {@code output} (standard error is discarded). */
    Process background(Map<String, String> env, Path output, String... args) throws IOException {
        return builder(env, args).redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("DROVER_CONFIG");
        builder.environment().putAll(env);
        return builder;
    }

    /** Stops a role as SIGTERM does and waits for it to exit. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("drover did not exit within 30 s of SIGTERM");
        }
    }

    /** POSTs {@code body} until the answer is 200 (the server may still be starting); its body. */
    static String awaitBody(String url, String body) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no 200 from " + url + " within 30s");
            }
            Thread.sleep(100);
        }
    }

    static int freePort() throws IOException {
        // never the same port twice in one run: a port handed to a process that has not bound it yet is free to the
        // kernel, and a gateway given a simulator's port answers generate but 404s the admin API
        while (true) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static List<String> lines(java.io.InputStream stream) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    record Run(int exit, List<String> stdout, List<String> stderr) {
    }
}
