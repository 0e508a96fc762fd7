package adapters.http;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

import core.fleet.ModelEntry;
import core.fleet.NodeType;
import core.routing.ModelRoutes;
import ports.in.DescribeFleetUseCase;
import ports.in.ListLoadedModelsUseCase;
import ports.in.ListModelsUseCase;

/** The routes Drover answers itself, merging the fleet into what one Ollama would say. Event loop; no blocking. */
@ApplicationScoped
class FleetHandler {

    /** Reported by {@code /api/version} until some node has told its own version. */
    static final String FALLBACK_VERSION = "0.0.0";

    private final ListModelsUseCase models;
    private final ListLoadedModelsUseCase loaded;
    private final DescribeFleetUseCase fleet;
    private final ModelRoutes routes;

    FleetHandler(ListModelsUseCase models, ListLoadedModelsUseCase loaded, DescribeFleetUseCase fleet,
            ModelRoutes routes) {
        this.routes = routes;
        this.models = models;
        this.loaded = loaded;
        this.fleet = fleet;
    }

    void root(RoutingContext rc) {
        Replies.text(rc.response(), 200, "Ollama is running");
    }

    /** The oldest version among routable nodes: clients that gate features on it stay within every node's reach. */
    void version(RoutingContext rc) {
        String version = fleet.describe().lowestVersion(FALLBACK_VERSION);
        Replies.json(rc.response(), 200, "{\"version\":\"" + version.replace("\"", "") + "\"}");
    }

    /** Models of the Ollama nodes only: an OpenAI-compatible node's models cannot be called natively. */
    void tags(RoutingContext rc) {
        Replies.json(rc.response(), 200, modelList(AliasEntries.with(models.listModels(), routes).stream()
                .filter(e -> e.kind() == NodeType.OLLAMA).toList()));
    }

    void ps(RoutingContext rc) {
        loaded.listLoadedModels().whenComplete((entries, error) -> {
            if (error != null) {
                Replies.failure(Dialect.OLLAMA, rc.response(), error);
            } else if (!rc.response().closed()) {
                Replies.json(rc.response(), 200, modelList(entries));
            }
        });
    }

    private static String modelList(List<ModelEntry> entries) {
        StringBuilder json = new StringBuilder(64 + entries.size() * 512).append("{\"models\":[");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(entries.get(i).json());
        }
        return json.append("]}").toString();
    }
}
