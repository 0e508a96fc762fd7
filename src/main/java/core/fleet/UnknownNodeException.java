package core.fleet;

import java.util.List;

/** The client named a node (header {@code X-Drover-Endpoint}) that is not part of the fleet. */
public final class UnknownNodeException extends RuntimeException {

    public UnknownNodeException(String name, List<String> known) {
        super("no node named '" + name + "' in the fleet; known nodes: " + String.join(", ", known));
    }
}
