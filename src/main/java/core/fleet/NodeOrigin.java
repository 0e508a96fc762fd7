package core.fleet;

import java.util.Locale;

/**
 * How a node joined the fleet: listed in config.yaml, added over the admin API, registered by heartbeat, or dialed
 * in over the relay. Nodes that joined at run time (all but {@code CONFIG}) are remembered across restarts, except
 * relay nodes, which come back when their agent reconnects.
 */
public enum NodeOrigin {
    CONFIG, ADMIN, HEARTBEAT, RELAY;

    /** As the admin API and the status page write it: {@code config}, {@code admin}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
