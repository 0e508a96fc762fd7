package core.models;

import java.util.List;

/** A task under way on its nodes. */
public interface ModelTaskRun {

    /** The nodes it runs on, in order. */
    List<String> nodes();

    /** Abandons the task on every node still at it (the client left). */
    void cancel();
}
