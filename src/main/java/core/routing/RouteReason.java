package core.routing;

/**
 * Why a request went to the node it went to, as the {@code X-Drover-Route} header, the access log and
 * {@code drover_routing_decisions_total{reason}} say it. The first five are the warm-first balancer's; the balancer
 * names are the reason of the balancers that do not look at residency.
 */
public enum RouteReason {
    /** The model is loaded there and a slot is free. */
    WARM("warm"),
    /** The model is loaded there but its slots are taken: waiting there beats loading it elsewhere. */
    WARM_QUEUED("warm-queued"),
    /** Not loaded anywhere that can take it soon: loaded on a node with nothing in flight. */
    COLD_IDLE("cold-idle"),
    /** Not loaded anywhere, and no node idle: loaded where the wait for room looks shortest. */
    COLD_BUSY("cold-busy"),
    /** No residency to go by (a request without a model): the node with the fewest in flight per weight. */
    LEAST_LOADED("least-loaded"),
    /** The only node that lists the model. */
    ONLY_HOLDER("only-holder"),
    /** The only one of several holders that can take a request now. */
    ONLY_ROUTABLE("only-routable"),
    /** The node the request's session used last for this model, where its conversation's cache is. */
    SESSION("session"),
    /** The node the client named ({@code X-Drover-Endpoint}). */
    NAMED("named"),
    /** An earlier node failed before its first byte; this one was next. */
    RETRY("retry"), ROUND_ROBIN("round-robin"), LEAST_CONNECTIONS("least-connections"), PRIORITY("priority");

    private final String label;

    RouteReason(String label) {
        this.label = label;
    }

    /** The lower-case, dash-separated name clients and metrics see. */
    public String label() {
        return label;
    }
}
