package ports.out;

import java.util.List;
import java.util.concurrent.CompletionStage;

import core.fleet.ModelEntry;
import core.fleet.Node;
import core.fleet.NodeType;

/**
 * Reads a node's model lists. Non-blocking; each call is bounded by the endpoint's {@code check_timeout} and fails
 * with an exception saying what went wrong.
 */
public interface ModelCatalog {

    /**
     * The models the node serves: {@code /api/tags} of an Ollama node, {@code /v1/models} of an OpenAI-compatible
     * one. {@code type} is the node's known protocol (never auto).
     */
    CompletionStage<List<ModelEntry>> available(Node endpoint, NodeType type);

    /** The models the node has loaded in memory ({@code /api/ps} for Ollama; empty where a node cannot say). */
    CompletionStage<List<ModelEntry>> loaded(Node endpoint, NodeType type);
}
