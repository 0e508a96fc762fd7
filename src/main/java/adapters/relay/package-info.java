/**
 * The relay link, gateway side: {@code /relay/connect} (websockets-next) where agents dial in, one link per node and
 * a stream per request over it (a {@code NodeTransport} and a discovery), and the wire protocol both ends speak
 * ({@code RelayFrame}, {@code RelayProtocol}). Who may connect is the {@code EnrollNodesUseCase}'s decision. The agent
 * that dials in is in {@code adapters.relay.agent}.
 */
package adapters.relay;
