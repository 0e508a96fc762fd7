/**
 * The load balancers ({@code priority}, {@code round-robin}, {@code least-connections},
 * {@code warm-first}) behind
 * {@code ports.out.NodeSelector}, and the producer that picks one from config.
 */
package adapters.balancer;
