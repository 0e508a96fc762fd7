package adapters.discovery;

/** A cluster discovery that watches or polls until the gateway stops. */
interface Stopping {

    void stop();
}
