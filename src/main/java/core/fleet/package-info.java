/**
 * The fleet: nodes and their state (health, circuit, in flight, drained), how they join and leave (discovery by
 * heartbeat among them), their health policy, and the models each lists and has loaded. Describing and changing the fleet at run time.
 */
package core.fleet;
