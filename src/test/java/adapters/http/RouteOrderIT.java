package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

import testsupport.SimFleet;

/**
 * A proxied request passes no route with a path parameter on its way through the router: vertx-web tries each such
 * route as a regular expression, with a new matcher and parameter map, whatever the request's path.
 */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class RouteOrderIT {

    @Inject
    Router router;

    @Test
    void shouldMatchEveryProxiedPathBeforeAnyRouteWithAPattern() {
        // Given
        List<Route> routes = router.getRoutes();
        int firstPattern = routes.indexOf(routes.stream().filter(Route::isRegexPath).findFirst().orElseThrow());

        // Then
        List<String> proxied = Stream.concat(OllamaRoutes.MODEL_ROUTES.stream(), OpenAiRoutes.MODEL_ROUTES.stream())
                .toList();
        assertThat(routes.subList(0, firstPattern)).extracting(Route::getPath).containsAll(proxied);
    }
}
