package core.fleet;

import java.util.Locale;

/**
 * How a node joined the fleet: listed in config.yaml, added over the admin API, registered by heartbeat, dialed
 * in over the relay, or found in a Kubernetes cluster (its API or DNS). Nodes that joined at run time (all but {@code CONFIG}) are remembered across restarts, except
 * relay nodes, which come back when their agent reconnects.
 */
public enum NodeOrigin {
    CONFIG, ADMIN, HEARTBEAT, RELAY,
    /** Followed in a Kubernetes cluster: a ready endpoint of a Service. */
    KUBERNETES,
    /** Followed through DNS: an address of a name (a headless Service). */
    DNS;

    /** As the admin API and the status page write it: {@code config}, {@code admin}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
