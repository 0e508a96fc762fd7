package core.models;

/**
 * One line of a task's merged progress. {@code node} is the node the line reports on. For a layer, {@code total} and
 * {@code completed} are the fleet's (every target node's bytes of that layer, so an Ollama client's progress bar shows
 * the whole task) and {@code nodeTotal}/{@code nodeCompleted} that node's own. {@code outcome} is set on the line
 * that says the node finished, null on progress lines.
 */
public record FleetProgress(String node, String status, String digest, long total, long completed, long nodeTotal,
        long nodeCompleted, NodeOutcome outcome) {
}
