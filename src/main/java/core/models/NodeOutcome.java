package core.models;

/**
 * How a model task ended on one node: {@code ok}, else the status the node's answer carried (502 when it could not
 * be reached, 504 when it fell silent) and its reason.
 */
public record NodeOutcome(boolean ok, int status, String reason) {

    public static final NodeOutcome SUCCESS = new NodeOutcome(true, 200, "success");

    /** The node did not have the model a delete named: for a delete across nodes, already the wanted state. */
    public boolean absent() {
        return !ok && status == 404;
    }
}
