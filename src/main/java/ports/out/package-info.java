/**
 * What the core needs from the world (the proxy engine and node transports, health probes, model catalogs, discovery,
 * the request log and fleet store, observers), in JDK types only; implemented by adapters.
 */
package ports.out;
