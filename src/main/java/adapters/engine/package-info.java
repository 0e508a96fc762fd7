/**
 * The proxy engine: one engine for every node (timeouts in one place, a circuit breaker per node) over the HTTP
 * transport. Implements {@code ports.out.ProxyEngine} and {@code NodeTransport}.
 */
package adapters.engine;
