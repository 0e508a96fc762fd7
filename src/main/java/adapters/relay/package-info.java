/**
 * Nodes that dial in: the {@code /relay/connect} link and its streams (a {@code NodeTransport}), heartbeats,
 * enrollment tokens, and the {@code drover agent} program that runs beside a node.
 */
package adapters.relay;
