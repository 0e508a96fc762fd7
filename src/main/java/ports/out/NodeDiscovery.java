package ports.out;

import core.fleet.Node;
import core.fleet.NodeOrigin;

/**
 * Finds the fleet's nodes and reports them as they come and go.
 * <p>
 * {@link #start} is called once at startup; the discovery calls the listener from any thread, for each node it
 * knows at once and for later changes.
 */
public interface NodeDiscovery {

    void start(Listener listener);

    /** How the nodes this discovery reports joined the fleet. */
    NodeOrigin origin();

    /** Receives fleet changes. Implementations are thread-safe. */
    interface Listener {

        void added(Node endpoint);

        void removed(String endpointName);
    }
}
