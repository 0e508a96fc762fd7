package adapters.sim;

import java.time.OffsetDateTime;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One simulated pull: the manifest line, the layer's progress in ten steps over the node's pull time, then Ollama's
 * closing lines; or, with {@code pull_fail_at}, an error line once the layer is that far and no model. The model joins
 * the catalogue only when the pull succeeds. With {@code pull_stall_at} it falls silent there instead. A client that
 * leaves stops it.
 */
final class SimPull {

    private static final int STEPS = 10;

    private final RoutingContext rc;
    private final SimNode node;
    private final SimModel model;
    private final boolean stream;
    private final long stepMillis;
    private final int failAt;
    private final int stallAt;
    private int step;

    SimPull(RoutingContext rc, SimNode node, SimModel model, boolean stream) {
        this.rc = rc;
        this.node = node;
        this.model = model;
        this.stream = stream;
        this.stepMillis = node.faults().pullTime().toMillis() / STEPS;
        this.failAt = node.faults().pullFailAt();
        this.stallAt = node.faults().pullStallAt();
    }

    void start() {
        HttpServerResponse response = rc.response();
        if (stream) {
            response.setChunked(true).putHeader("Content-Type", "application/x-ndjson");
            line(new JsonObject().put("status", "pulling manifest"));
        }
        next();
    }

    private void next() {
        HttpServerResponse response = rc.response();
        if (response.closed() || response.ended()) {
            return;
        }
        long completed = model.size() * step / STEPS;
        if (failAt >= 0 && step * 100 / STEPS >= failAt) {
            String error = "simulated: pull of " + model.display() + " interrupted at " + (step * 100 / STEPS)
                    + "%: connection reset by peer";
            if (stream) {
                response.end(new JsonObject().put("error", error).encode() + "\n");
            } else {
                SimReplies.error(rc, 500, error);
            }
            return;
        }
        if (stallAt >= 0 && step * 100 / STEPS >= stallAt) {
            // Silent from here on, the connection left open: what a node whose disk or link hangs does.
            return;
        }
        if (stream) {
            line(new JsonObject().put("status", "pulling " + model.digest().substring(0, 12))
                    .put("digest", "sha256:" + model.digest()).put("total", model.size()).put("completed", completed));
        }
        if (step == STEPS) {
            node.models().add(model.display(), OffsetDateTime.now());
            if (stream) {
                line(new JsonObject().put("status", "verifying sha256 digest"));
                line(new JsonObject().put("status", "writing manifest"));
                response.end(new JsonObject().put("status", "success").encode() + "\n");
            } else {
                response.putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("status", "success").encode());
            }
            return;
        }
        step++;
        if (stepMillis <= 0) {
            next();
        } else {
            rc.vertx().setTimer(stepMillis, t -> next());
        }
    }

    private void line(JsonObject json) {
        rc.response().write(json.encode() + "\n");
    }
}
