package adapters.http;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/** The gateway's HTTP router as the tests see it, so they can list every route it serves. */
@ApplicationScoped
public class RouteCatalog {

    private static volatile Router router;

    void seen(@Observes Router seen) {
        router = seen;
    }

    /** Every plain path a route of the router is declared on (catch-alls and regular expressions left out). */
    static List<String> paths() {
        return router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).distinct().sorted().toList();
    }
}
