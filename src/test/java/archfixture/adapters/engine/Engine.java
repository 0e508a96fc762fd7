package archfixture.adapters.engine;

/** An adapter class for the broken http adapter to reach into. */
public class Engine {

    public void send() {
    }
}
