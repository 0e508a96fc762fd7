package core.fleet;

/** A heartbeat that changes nothing, with why: the caller answers it in its protocol. */
public final class HeartbeatRefusedException extends Exception {

    /** Why a heartbeat was refused. */
    public enum Reason {
        /** The relay and heartbeats are off on this gateway. */
        DISABLED,
        /** No valid enrollment token for this node. */
        UNAUTHORIZED,
        /** The name, URL or type is not one a node can have. */
        INVALID,
        /** The name belongs to another node or another token. */
        CONFLICT
    }

    private final Reason reason;

    public HeartbeatRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
