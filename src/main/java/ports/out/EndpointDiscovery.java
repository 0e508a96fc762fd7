package ports.out;

import core.fleet.Endpoint;
import core.fleet.EndpointOrigin;

/**
 * Finds the fleet's nodes and reports them as they come and go.
 * <p>
 * {@link #start} is called once at startup; the discovery calls the listener from any thread, for each node it
 * knows at once and for later changes.
 */
public interface EndpointDiscovery {

    void start(Listener listener);

    /** How the nodes this discovery reports joined the fleet. */
    EndpointOrigin origin();

    /** Receives fleet changes. Implementations are thread-safe. */
    interface Listener {

        void added(Endpoint endpoint);

        void removed(String endpointName);
    }
}
