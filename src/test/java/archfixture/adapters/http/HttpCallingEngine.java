package archfixture.adapters.http;

import archfixture.adapters.engine.Engine;

/** Deliberately broken: an inbound adapter that calls another adapter instead of a port. */
public class HttpCallingEngine {

    public void handle(Engine engine) {
        engine.send();
    }
}
