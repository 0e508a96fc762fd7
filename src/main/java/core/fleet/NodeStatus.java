package core.fleet;

/** What the health checker currently believes about a node. */
public enum NodeStatus {
    /** Not checked yet; not routable until the first probe answers. */
    UNKNOWN,
    /** Answering probes; routable. */
    UP,
    /** Failed enough consecutive probes; not routable, probed with back-off. */
    DOWN;

    public boolean routable() {
        return this == UP;
    }
}
