package core.models;

/** Where one wanted model stands on one node. */
public enum SyncState {
    /** On the node (required) or loaded there (preload). */
    PRESENT,
    /** Missing; waiting for one of the node's pull slots. */
    WAITING,
    /** Being pulled, or being loaded for a preload. */
    RUNNING,
    /** The last attempt failed; the next one is due at {@code nextTry}. */
    RETRYING,
    /** A preload of a model the node does not have (list it under models.required to have it pulled). */
    MISSING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
