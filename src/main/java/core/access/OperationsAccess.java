package core.access;

/** Who may call the operations routes (status, metrics, health details): {@code security.operations_access}. */
public enum OperationsAccess {
    /** This machine only (the socket's peer is a loopback address). */
    LOOPBACK,
    /** Anyone who can reach the gateway. */
    OPEN,
    /** Callers with an admin key. */
    KEYED
}
