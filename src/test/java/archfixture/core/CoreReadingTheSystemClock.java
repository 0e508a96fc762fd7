package archfixture.core;

/** Deliberately broken: a core class that reads the machine's clock instead of the injected one. */
public class CoreReadingTheSystemClock {

    public long now() {
        return System.nanoTime();
    }
}
