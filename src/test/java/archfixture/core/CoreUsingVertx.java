package archfixture.core;

/** Deliberately broken: a core class that reaches for Vert.x (the hexagon test proves the rule catches it). */
public class CoreUsingVertx {

    public io.vertx.core.buffer.Buffer leak() {
        return io.vertx.core.buffer.Buffer.buffer();
    }
}
