package ports.in;

import java.util.List;
import java.util.concurrent.CompletionStage;

import core.fleet.Node;
import core.fleet.NodeView;

/**
 * Changes the fleet at run time (the admin API): add and remove nodes, drain and undrain them, re-read model lists.
 * Changes take effect at once and are remembered across restarts. Non-blocking.
 */
public interface ManageFleetUseCase {

    List<NodeView> endpoints();

    /**
     * Adds a node, probed and routed like a configured one.
     *
     * @throws core.fleet.NodeConflictException when the fleet already has a node of that name
     */
    NodeView add(Node endpoint);

    /**
     * Removes a node added at run time; requests it has in flight finish.
     *
     * @throws core.fleet.UnknownNodeException when there is none of that name
     * @throws core.fleet.NodeConflictException when the node is listed in config.yaml or joined by itself
     */
    void remove(String name);

    /**
     * Drains a node (no new requests; those in flight finish) or puts it back in rotation.
     *
     * @throws core.fleet.UnknownNodeException when there is none of that name
     */
    NodeView drain(String name, boolean drained);

    /** Re-reads the model lists of every node that is not down; completes when that refresh has finished. */
    CompletionStage<List<NodeView>> refreshModels();
}
