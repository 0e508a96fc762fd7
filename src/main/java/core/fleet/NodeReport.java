package core.fleet;

import java.util.Objects;

/** What a health probe learned: the protocol the node speaks and the version it reports (null if none). */
public record NodeReport(NodeType type, String version) {

    public NodeReport {
        Objects.requireNonNull(type, "type");
        if (type == NodeType.AUTO) {
            throw new IllegalArgumentException("a probe reports what the node is, never auto");
        }
    }
}
