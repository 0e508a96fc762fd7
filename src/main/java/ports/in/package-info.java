/**
 * Use cases the adapters drive (forward a request, list models, describe and manage the fleet, record and review
 * requests, authorise callers, enrol nodes and take their heartbeats, track breakers), in JDK types only; implemented in {@code core}.
 */
package ports.in;
