package core.models;

/**
 * Hears a task across nodes: each merged progress line, then the result once every node has finished. Calls come one
 * at a time, in order, on any thread; they must not block.
 */
public interface ModelTaskListener {

    void progress(FleetProgress line);

    void finished(ModelTaskResult result);
}
