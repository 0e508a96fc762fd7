package ports.out;

import java.util.concurrent.CompletionStage;

import core.Endpoint;

/**
 * Asks a node whether it is alive, within the endpoint's {@code check_timeout}.
 * <p>
 * Non-blocking. The probe must be cheap and side-effect free: never a generation, never something that loads or
 * unloads a model. Completes with the node's reported version (null if it reports none), or fails with any exception
 * whose message says what went wrong.
 */
public interface HealthProbe {

    CompletionStage<String> check(Endpoint endpoint);
}
