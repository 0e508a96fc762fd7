/**
 * The {@code drover agent} program that runs beside a node the gateway cannot reach: it dials the gateway's
 * {@code /relay/connect}, forwards each request to the local node and streams the answer back, or sends heartbeats.
 * Speaks the protocol of {@code adapters.relay}; nothing of the gateway's side.
 */
package adapters.relay.agent;
