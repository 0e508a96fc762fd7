package adapters.relay;

/**
 * The numbers both ends of the relay link agree on, beside {@link RelayFrame}: the WebSocket close codes (4000-4999
 * are the application's) and the credit a new stream starts with. See {@code docs/relay.md}, "The protocol".
 */
public final class RelayProtocol {

    /** Bad, missing, spent or expired enrollment token, or a token for another node. */
    public static final int UNAUTHORIZED = 4401;
    /** The relay is disabled on this gateway. */
    public static final int DISABLED = 4403;
    /** A node of that name is already in the fleet or connected. */
    public static final int DUPLICATE = 4409;
    /** A frame that does not follow the protocol (WebSocket's own code). */
    public static final int PROTOCOL_ERROR = 1002;
    /** Chunks an agent may send on a new stream before the gateway grants more. */
    public static final int INITIAL_CREDIT = 16;

    private RelayProtocol() {
    }
}
