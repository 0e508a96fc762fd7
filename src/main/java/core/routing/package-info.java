/**
 * A request's way to a node: the router, balancing and leases, the admission queue, dispatch with retries, the
 * drain on shutdown and readiness, and the request and response that travel through the engine.
 */
package core.routing;
