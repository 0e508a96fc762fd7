package ports.out;

import java.util.concurrent.CompletionStage;

import core.fleet.Node;
import core.fleet.NodeReport;
import core.fleet.NodeType;

/**
 * Asks a node whether it is alive, within the endpoint's {@code check_timeout}.
 * <p>
 * Non-blocking. The probe must be cheap and side-effect free: never a generation, never something that loads or
 * unloads a model. Completes with what the node is and the version it reports, or fails with any exception whose
 * message says what went wrong.
 */
public interface HealthProbe {

    /**
     * Probes {@code endpoint} as a node of type {@code as}; {@link NodeType#AUTO} when the type is not known yet,
     * in which case the probe finds out which protocol the node speaks.
     */
    CompletionStage<NodeReport> check(Node endpoint, NodeType as);
}
