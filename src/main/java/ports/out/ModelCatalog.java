package ports.out;

import java.util.List;
import java.util.concurrent.CompletionStage;

import core.fleet.Endpoint;
import core.fleet.EndpointType;
import core.fleet.ModelEntry;

/**
 * Reads a node's model lists. Non-blocking; each call is bounded by the endpoint's {@code check_timeout} and fails
 * with an exception saying what went wrong.
 */
public interface ModelCatalog {

    /**
     * The models the node serves: {@code /api/tags} of an Ollama node, {@code /v1/models} of an OpenAI-compatible
     * one. {@code type} is the node's known protocol (never auto).
     */
    CompletionStage<List<ModelEntry>> available(Endpoint endpoint, EndpointType type);

    /** The models the node has loaded in memory ({@code /api/ps} for Ollama; empty where a node cannot say). */
    CompletionStage<List<ModelEntry>> loaded(Endpoint endpoint, EndpointType type);
}
