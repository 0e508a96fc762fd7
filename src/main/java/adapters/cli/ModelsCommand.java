package adapters.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code drover models status|pull|rm}: the fleet's models through a running gateway's admin API ({@code /admin/models}),
 * so the CLI, the admin API and {@code X-Drover-Endpoint: *} are one use case.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Models across the fleet, through a running"
        + " gateway.", subcommands = {ModelsCommand.Status.class, ModelsCommand.Pull.class, ModelsCommand.Remove.class})
final class ModelsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "What models.required and models.preload"
            + " keep, per node: present, waiting, running, retrying or missing.")
    static final class Status implements Callable<Integer> {

        @Mixin
        AdminGateway gateway;

        @Override
        public Integer call() {
            return ModelsCommand.call(() -> {
                HttpResponse<String> response = HttpClient.newHttpClient().send(gateway.request("/admin/models")
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return refused(response.statusCode(), response.body());
                }
                JsonArray entries = new JsonObject(response.body()).getJsonArray("sync");
                if (entries.isEmpty()) {
                    System.out.println("no models.required or models.preload in the gateway's config.yaml");
                    return 0;
                }
                System.out.printf("%-16s %-28s %-9s %-9s %-9s %s%n", "NODE", "MODEL", "KIND", "STATE", "PROGRESS",
                        "LAST ERROR");
                for (Object item : entries) {
                    JsonObject e = (JsonObject) item;
                    Long total = e.getLong("total");
                    String progress = total == null || total == 0 || !"running".equals(e.getString("state"))
                            ? ""
                            : percent(e.getLong("completed"), total);
                    String error = e.getString("last_error") == null
                            ? ""
                            : e.getString("last_error") + " (attempt " + e.getInteger("attempts") + ", next "
                                    + e.getString("next_try") + ")";
                    System.out.printf("%-16s %-28s %-9s %-9s %-9s %s%n", e.getString("node"), e.getString("model"),
                            e.getString("kind"), e.getString("state"), progress, error);
                }
                return 0;
            });
        }
    }

    /** A task the admin API runs on several nodes: the model, the gateway, the nodes. */
    abstract static class FleetTask implements Callable<Integer> {

        @Parameters(paramLabel = "MODEL")
        String model;

        @Mixin
        AdminGateway gateway;

        @Mixin
        AdminNodes nodes;

        /** The admin route that runs it. */
        abstract String path();

        @Override
        public Integer call() {
            return ModelsCommand.call(() -> task(path(), gateway, nodes.body(model)));
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true, description = "Pull a model onto several nodes at once,"
            + " showing each node's progress.")
    static final class Pull extends FleetTask {

        @Override
        String path() {
            return "/admin/models/pull";
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a model from several nodes at once.")
    static final class Remove extends FleetTask {

        @Override
        String path() {
            return "/admin/models/delete";
        }
    }

    /** Runs a task and prints each node's steps and every tenth percent of its layers; the last line says how it went. */
    private static int task(String path, AdminGateway gateway, JsonObject body)
            throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(gateway.request(path)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            try (Stream<String> answer = response.body()) {
                return refused(response.statusCode(), String.join("\n", answer.toList()));
            }
        }
        Map<String, Long> shown = new HashMap<>();
        JsonObject last = null;
        for (Iterator<String> lines = response.body().iterator(); lines.hasNext();) {
            String text = lines.next();
            if (text.isBlank()) {
                continue;
            }
            JsonObject line;
            try {
                line = new JsonObject(text);
            } catch (RuntimeException e) {
                System.err.println("drover: the gateway's answer is not NDJSON progress (is --url a Drover?): "
                        + (text.length() > 120 ? text.substring(0, 120) : text));
                return 1;
            }
            last = line;
            String node = line.getString("node");
            if (node == null) {
                continue;
            }
            Long total = line.getLong("node_total");
            if (total != null && total > 0) {
                long tenth = line.getLong("node_completed", 0L) * 10 / total;
                String key = node + " " + line.getString("digest");
                if (shown.getOrDefault(key, -1L) < tenth) {
                    shown.put(key, tenth);
                    System.out.printf("%-16s %s %s%n", node, line.getString("status"),
                            percent(line.getLong("node_completed"), total));
                }
            } else if (line.getString("result") == null) {
                System.out.printf("%-16s %s%n", node, line.getString("status"));
            }
        }
        if (last == null) {
            return refused(response.statusCode(), "");
        }
        if (last.getValue("error") != null) {
            System.err.println("drover: " + last.getString("error"));
            return 1;
        }
        JsonObject results = last.getJsonObject("nodes", new JsonObject());
        System.out.println(last.getString("status") + " on " + String.join(", ", results.fieldNames()));
        return 0;
    }

    private static String percent(Long completed, long total) {
        return (completed == null ? 0 : completed * 100 / total) + "%";
    }

    private static int refused(int status, String body) {
        String reason = body;
        try {
            reason = new JsonObject(body).getString("error", body);
        } catch (RuntimeException e) {
            // Not JSON: print as it came.
        }
        System.err.println("drover: the gateway answered " + status + ": " + reason);
        return 1;
    }

    private interface Call {
        int run() throws IOException, InterruptedException;
    }

    private static int call(Call call) {
        try {
            return call.run();
        } catch (ConnectException e) {
            System.err.println("drover: nothing answers at the gateway's address; give it with --url or DROVER_URL"
                    + " (default http://127.0.0.1:11434)");
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("drover: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("drover: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
