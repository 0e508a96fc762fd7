/**
 * Changing the gateway's settings while it runs: reading the configuration again, refusing it whole when it is
 * invalid or changes what only a restart can, else applying the difference (nodes, keys, balancer) without dropping a
 * request.
 */
package core.settings;
