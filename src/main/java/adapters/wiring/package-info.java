/**
 * Assembly: producers that build the core services from config, startup and restore of the fleet, access and
 * resilience logs. May see every adapter.
 */
package adapters.wiring;
