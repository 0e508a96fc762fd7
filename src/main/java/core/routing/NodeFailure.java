package core.routing;

/**
 * A request's failure at a node ({@link NodeFailedException}, {@link NodeTimeoutException}): which node failed last, and
 * how many nodes the request had tried by then, so that its record, metrics and span name them.
 */
public sealed interface NodeFailure permits NodeFailedException, NodeTimeoutException {

    String endpoint();

    /** Nodes tried, this one included (1 until the dispatch that gave up says otherwise). */
    int attempts();

    /** {@code error} as the failure of a request that tried {@code attempts} nodes; any other error as it is. */
    static Throwable after(Throwable error, int attempts) {
        if (error instanceof NodeFailedException failed) {
            return failed.afterAttempts(attempts);
        }
        if (error instanceof NodeTimeoutException timedOut) {
            return timedOut.afterAttempts(attempts);
        }
        return error;
    }
}
