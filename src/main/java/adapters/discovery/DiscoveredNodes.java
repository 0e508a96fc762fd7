package adapters.discovery;

import java.util.LinkedHashMap;
import java.util.Map;

import ports.out.NodeDiscovery;

/**
 * The nodes a cluster discovery last reported, and the difference to the next answer: a node no longer there (or no
 * longer ready, or terminating) leaves, a new one joins, one whose address changed leaves and joins again. Leaving
 * takes no request away: those in flight finish, no new one is sent. Thread-safe.
 */
final class DiscoveredNodes {

    private final Map<String, core.fleet.Node> current = new LinkedHashMap<>();
    private NodeDiscovery.Listener listener;

    synchronized void listen(NodeDiscovery.Listener newListener) {
        listener = newListener;
    }

    /** Makes {@code wanted} (by name) the reported nodes. */
    synchronized void offer(Map<String, core.fleet.Node> wanted) {
        if (listener == null) {
            return;
        }
        for (var it = current.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            if (!entry.getValue().equals(wanted.get(entry.getKey()))) {
                it.remove();
                listener.removed(entry.getKey());
            }
        }
        wanted.forEach((name, node) -> {
            if (!current.containsKey(name)) {
                current.put(name, node);
                listener.added(node);
            }
        });
    }

    synchronized int size() {
        return current.size();
    }
}
