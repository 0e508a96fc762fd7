package core.routing;

/**
 * What a request's session did to routing, as the {@code X-Drover-Affinity} header, the access log and
 * {@code drover_affinity_total{result}} say it; {@link #NONE} for a request without a session (or with affinity off).
 */
public enum Affinity {
    /** No session, or affinity is off. */
    NONE(null),
    /** The session's node was free to take it: the request went where its conversation's cache is. */
    HIT("hit"),
    /** A session not seen (or expired): the balancer chose, and the session is pinned there. */
    MISS("miss"),
    /** The session's node was down, drained, breaker-open, busy or above its load bound: pinned to another. */
    MOVED("moved");

    private final String label;

    Affinity(String label) {
        this.label = label;
    }

    /** The lower-case word clients and metrics see; null for {@link #NONE}. */
    public String label() {
        return label;
    }
}
