package adapters.cli;

import io.vertx.core.json.JsonObject;

import picocli.CommandLine.Option;

/** {@code --nodes} and {@code --labels}: which nodes a fleet task is for, as {@code /admin/models/*} bodies say it. */
final class AdminNodes {

    @Option(names = "--nodes", paramLabel = "NODES", description = "'*' (every node, the default) or names"
            + " separated by commas")
    String nodes;

    @Option(names = "--labels", paramLabel = "K=V,...", description = "only nodes with all these labels, e.g."
            + " gpu=a100")
    String labels;

    JsonObject body(String model) {
        JsonObject body = new JsonObject().put("model", model);
        if (nodes != null) {
            body.put("nodes", nodes);
        }
        if (labels != null) {
            JsonObject wanted = new JsonObject();
            for (String pair : labels.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--labels takes key=value pairs separated by commas; got '"
                            + pair + "'");
                }
                wanted.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
            body.put("labels", wanted);
        }
        return body;
    }
}
