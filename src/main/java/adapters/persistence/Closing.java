package adapters.persistence;

/** A store with a writer of its own, stopped (after its last writes) when the gateway stops. */
interface Closing {

    void close();
}
