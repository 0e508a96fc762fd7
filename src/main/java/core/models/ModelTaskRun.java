package core.models;

import java.util.List;

/** A task under way on its nodes. */
public interface ModelTaskRun {

    /** The nodes it runs on, in order. */
    List<String> nodes();

    /** Abandons the task on every node still at it (the client left). */
    void cancel();

    /** Abandons it with a reason each node's outcome then gives (the gateway is shutting down: status 503). */
    void cancel(String reason);
}
