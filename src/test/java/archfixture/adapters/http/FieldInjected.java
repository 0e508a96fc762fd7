package archfixture.adapters.http;

import jakarta.inject.Inject;

import archfixture.adapters.engine.Engine;

/** Deliberately broken: a dependency injected into a field instead of the constructor. */
public class FieldInjected {

    @Inject
    Engine engine;
}
