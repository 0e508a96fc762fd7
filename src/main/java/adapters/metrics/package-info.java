/**
 * Micrometer, and only here: the {@code drover_*} meters, fed by finished requests and resilience events.
 */
package adapters.metrics;
