package core.models;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import core.MalformedRequestException;
import core.fleet.Fleet;
import core.fleet.NodeState;
import core.fleet.NodeType;
import core.fleet.UnknownNodeException;
import core.routing.Drain;
import core.routing.NodeFailedException;
import core.routing.NodeTimeoutException;
import ports.in.RunModelTaskUseCase;
import ports.out.NodeModels;

/**
 * Runs a model task on every node a client picked, each node on its own so that one failing stops no other, and merges
 * their progress into one stream ({@link ProgressMerge}).
 */
public final class FleetModelTasks implements RunModelTaskUseCase {

    private final Fleet fleet;
    private final NodeModels nodes;
    private final Drain drain;

    /** {@code drain}: a shutdown waits for the tasks under way, as for requests, and refuses new ones. */
    public FleetModelTasks(Fleet fleet, NodeModels nodes, Drain drain) {
        this.fleet = fleet;
        this.nodes = nodes;
        this.drain = drain;
    }

    @Override
    public ModelTaskRun run(Targets targets, ModelTask task, ModelTaskListener listener) {
        List<NodeState> chosen = select(targets);
        List<String> names = chosen.stream().map(NodeState::name).toList();
        drain.taskStarted();
        ProgressMerge merge = new ProgressMerge(task, names, new ModelTaskListener() {
            @Override
            public void progress(FleetProgress line) {
                listener.progress(line);
            }

            @Override
            public void finished(ModelTaskResult result) {
                drain.taskEnded();
                listener.finished(result);
            }
        });
        List<CompletableFuture<Void>> running = new ArrayList<>(chosen.size());
        // Why the run was stopped, when the gateway stopped it; read by the legs as they end.
        String[] stopped = new String[1];
        for (NodeState state : chosen) {
            String name = state.name();
            CompletableFuture<Void> leg = start(nodes, state, task, line -> merge.progress(name, line));
            running.add(leg);
            leg.whenComplete((done, error) -> merge.finished(name, error == null
                    ? NodeOutcome.SUCCESS
                    : stopped[0] != null && leg.isCancelled()
                            ? new NodeOutcome(false, 503, stopped[0])
                            : outcome(error)));
        }
        return new ModelTaskRun() {
            @Override
            public List<String> nodes() {
                return names;
            }

            @Override
            public void cancel() {
                running.forEach(leg -> leg.cancel(true));
            }

            @Override
            public void cancel(String reason) {
                stopped[0] = reason;
                cancel();
            }
        };
    }

    /** {@code task} on {@code state}'s node; a port that throws instead of failing its stage fails the stage. */
    static CompletableFuture<Void> start(NodeModels nodes, NodeState state, ModelTask task,
            java.util.function.Consumer<Progress> progress) {
        try {
            return nodes.run(state.endpoint(), task, progress).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The Ollama nodes {@code targets} picks, in fleet order; throws when a name is unknown or none is picked. */
    public List<NodeState> select(Targets targets) {
        for (String name : targets.names()) {
            NodeState state = fleet.get(name).orElseThrow(() -> new UnknownNodeException(name, fleet.names()));
            if (!targets.all() && ollama(state) == false) {
                throw new MalformedRequestException("node '" + name + "' is an OpenAI-compatible server; model"
                        + " management needs an Ollama node");
            }
        }
        List<NodeState> chosen = fleet.all().stream()
                .filter(FleetModelTasks::ollama)
                .filter(s -> targets.all() || targets.names().isEmpty() || targets.names().contains(s.name()))
                .filter(s -> s.endpoint().hasLabels(targets.labels()))
                .toList();
        if (chosen.isEmpty()) {
            throw new MalformedRequestException("no Ollama node matches " + targets.describe() + " (nodes: "
                    + String.join(", ", fleet.names()) + ")");
        }
        return chosen;
    }

    private static boolean ollama(NodeState state) {
        return state.type() != NodeType.OPENAI && state.endpoint().type() != NodeType.OPENAI;
    }

    /** A node's failure as its outcome: the node's own status and words where it answered. */
    static NodeOutcome outcome(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ModelTaskFailedException failed) {
            return new NodeOutcome(false, failed.status(), failed.reason());
        }
        if (cause instanceof NodeTimeoutException) {
            return new NodeOutcome(false, 504, cause.getMessage());
        }
        if (cause instanceof NodeFailedException) {
            return new NodeOutcome(false, 502, cause.getMessage());
        }
        if (cause instanceof CancellationException) {
            return new NodeOutcome(false, 499, "cancelled");
        }
        return new NodeOutcome(false, 500, String.valueOf(cause.getMessage()));
    }
}
