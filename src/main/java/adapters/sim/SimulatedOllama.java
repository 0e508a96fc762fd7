package adapters.sim;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One simulated Ollama node on its own event loop: native and {@code /v1} routes with Ollama's shapes, statuses and
 * timing, plus {@code /_sim/faults} and {@code /_sim/stats} for tests and benchmarks. {@link #stop()} makes the node
 * vanish (connections dropped, port closed) and {@link #restart()} brings it back on the same port with its state.
 * The lifecycle methods block and must not be called on an event loop.
 */
public final class SimulatedOllama implements AutoCloseable {

    private static final long BODY_LIMIT = 256L * 1024 * 1024;

    private final Vertx vertx;
    private final SimNode node;
    private volatile int port;
    private volatile String deployment;

    private SimulatedOllama(Vertx vertx, SimSettings settings) {
        this.vertx = vertx;
        SimStats stats = new SimStats();
        this.node = new SimNode(settings, new SimFaults(), stats, new SimModels(vertx, settings, stats));
        this.port = settings.port();
    }

    /** Starts a node and waits until it listens. */
    public static SimulatedOllama start(Vertx vertx, SimSettings settings) {
        SimulatedOllama sim = new SimulatedOllama(vertx, settings);
        sim.restart();
        return sim;
    }

    public String name() {
        return node.settings().name();
    }

    public int port() {
        return port;
    }

    public String url() {
        String host = node.settings().host();
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
    }

    public SimFaults faults() {
        return node.faults();
    }

    public SimStats stats() {
        return node.stats();
    }

    /** What the node lists in {@code /api/tags}, by canonical name, sorted. */
    public List<String> models() {
        return node.models().names();
    }

    public List<String> loadedModels() {
        return node.models().loadedNames();
    }

    /** Listens again on the node's port (the same one after a {@link #stop()}). */
    public synchronized void restart() {
        if (deployment != null) {
            return;
        }
        deployment = await(vertx.deployVerticle(new NodeVerticle()).toCompletionStage().toCompletableFuture());
    }

    /** The node vanishes: the port closes and open connections drop. */
    public synchronized void stop() {
        if (deployment != null) {
            await(vertx.undeploy(deployment).toCompletionStage().toCompletableFuture());
            deployment = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulated node failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("simulated node did not start or stop within 30s", e);
        }
    }

    private final class NodeVerticle extends AbstractVerticle {

        @Override
        public void start(Promise<Void> started) {
            Router router = router();
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true));
            server.requestHandler(router).listen(port, node.settings().host()).onComplete(ar -> {
                if (ar.succeeded()) {
                    port = ar.result().actualPort();
                    started.complete();
                } else {
                    started.fail(ar.cause());
                }
            });
        }

        private Router router() {
            Router router = Router.router(vertx);
            router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT).setHandleFileUploads(false));
            SimNativeApi inference = new SimNativeApi(vertx, node);
            SimManagementApi management = new SimManagementApi(node);
            SimOpenAiApi openAi = new SimOpenAiApi(vertx, node);
            router.route(HttpMethod.GET, "/").handler(SimulatedOllama::running);
            router.route(HttpMethod.HEAD, "/").handler(SimulatedOllama::running);
            router.route(HttpMethod.GET, "/api/version").handler(this::version);
            router.route(HttpMethod.HEAD, "/api/version").handler(this::version);
            router.route(HttpMethod.GET, "/api/tags").handler(rc -> json(rc, node.models().tags()));
            router.route(HttpMethod.HEAD, "/api/tags").handler(rc -> json(rc, node.models().tags()));
            router.route(HttpMethod.GET, "/api/ps").handler(rc -> json(rc, node.models().ps()));
            router.post("/api/generate").handler(inference::generate);
            router.post("/api/chat").handler(inference::chat);
            router.post("/api/embed").handler(inference::embed);
            router.post("/api/embeddings").handler(inference::embeddings);
            router.post("/api/show").handler(management::show);
            router.post("/api/pull").handler(management::pull);
            router.post("/api/push").handler(management::push);
            router.post("/api/create").handler(management::create);
            router.post("/api/copy").handler(management::copy);
            router.delete("/api/delete").handler(management::delete);
            router.route(HttpMethod.HEAD, "/api/blobs/:digest").handler(management::blob);
            router.post("/api/blobs/:digest").handler(management::blob);
            router.post("/v1/chat/completions").handler(openAi::chatCompletions);
            router.post("/v1/completions").handler(openAi::completions);
            router.post("/v1/embeddings").handler(openAi::embeddings);
            router.get("/v1/models").handler(openAi::models);
            router.get("/v1/models/:model").handler(openAi::model);
            router.get("/_sim/faults").handler(rc -> json(rc, node.faults().toJson()));
            router.post("/_sim/faults").handler(this::setFaults);
            router.get("/_sim/stats").handler(rc -> json(rc, node.stats().toJson()));
            router.errorHandler(404, rc -> text(rc, 404, "404 page not found"));
            router.errorHandler(405, rc -> text(rc, 405, "405 method not allowed"));
            return router;
        }

        private void version(RoutingContext rc) {
            json(rc, new JsonObject().put("version", node.settings().version()));
        }

        private void setFaults(RoutingContext rc) {
            JsonObject body = SimReplies.body(rc, false);
            if (body != null) {
                node.faults().apply(body);
                json(rc, node.faults().toJson());
            }
        }
    }

    private static void running(RoutingContext rc) {
        text(rc, 200, "Ollama is running");
    }

    private static void text(RoutingContext rc, int status, String body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }

    private static void json(RoutingContext rc, JsonObject body) {
        rc.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }
}
