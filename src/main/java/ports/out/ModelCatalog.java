package ports.out;

import java.util.List;
import java.util.concurrent.CompletionStage;

import core.Endpoint;
import core.ModelEntry;

/**
 * Reads a node's model lists. Non-blocking; each call is bounded by the endpoint's {@code check_timeout} and fails
 * with an exception saying what went wrong.
 */
public interface ModelCatalog {

    /** The models the node has installed ({@code /api/tags} for Ollama). */
    CompletionStage<List<ModelEntry>> available(Endpoint endpoint);

    /** The models the node has loaded in memory ({@code /api/ps} for Ollama; empty where a node cannot say). */
    CompletionStage<List<ModelEntry>> loaded(Endpoint endpoint);
}
