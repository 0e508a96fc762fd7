package adapters.http;

import jakarta.interceptor.Interceptor;

/**
 * When a group of routes is added to the router (the priority of its observer of the {@code Router} event; the
 * router tries routes in the order they were added). vertx-web tries a route with a path parameter as a regular
 * expression, with a new matcher and parameter map, for every request that reaches it, even one for another path;
 * so the exact paths, every proxied request's among them, come first, and the routes with parameters (observers of
 * the default priority) after them.
 */
final class RouteOrder {

    /** Before the default observer priority ({@code APPLICATION + 500}). */
    static final int EXACT = Interceptor.Priority.APPLICATION;

    private RouteOrder() {
    }
}
