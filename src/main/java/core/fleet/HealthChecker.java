package core.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ports.out.HealthProbe;

/**
 * Probes each watched node on its own interval and moves it between UNKNOWN, UP and DOWN by the {@link HealthPolicy}.
 * One probe per node at a time; probes never overlap a node's previous one.
 */
public final class HealthChecker {

    /** Told of every status change, on whatever thread completed the probe; must not block. */
    public interface StatusListener {

        void changed(NodeState state, NodeStatus from, NodeStatus to);
    }

    private final HealthProbe probe;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final HealthPolicy policy;
    private final StatusListener listener;
    private final ConcurrentMap<NodeState, Watch> watches = new ConcurrentHashMap<>();

    public HealthChecker(HealthProbe probe, ScheduledExecutorService scheduler, Clock clock, HealthPolicy policy,
            StatusListener listener) {
        this.probe = probe;
        this.scheduler = scheduler;
        this.clock = clock;
        this.policy = policy;
        this.listener = listener;
    }

    /** Starts probing a node now. */
    public void watch(NodeState state) {
        Watch watch = new Watch(state);
        if (watches.putIfAbsent(state, watch) == null) {
            watch.schedule(Duration.ZERO);
        }
    }

    public void unwatch(NodeState state) {
        Watch watch = watches.remove(state);
        if (watch != null) {
            watch.stopped = true;
        }
    }

    private final class Watch {

        private final NodeState state;
        private int successes;
        private int failures;
        private volatile boolean stopped;

        Watch(NodeState state) {
            this.state = state;
        }

        void schedule(Duration delay) {
            if (!stopped && !scheduler.isShutdown()) {
                scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void run() {
            if (stopped) {
                return;
            }
            Node endpoint = state.endpoint();
            // A probe adapter must honour check_timeout; this guard keeps a broken one from stopping the watch.
            long guardMillis = endpoint.checkTimeout().toMillis() + 1000;
            NodeType as = state.type() == null ? NodeType.AUTO : state.type();
            probe.check(endpoint, as).toCompletableFuture()
                    .orTimeout(guardMillis, TimeUnit.MILLISECONDS)
                    .whenComplete((report, error) -> {
                        if (!stopped) {
                            schedule(error == null ? succeeded(report) : failed(error));
                        }
                    });
        }

        private Duration succeeded(NodeReport report) {
            successes++;
            failures = 0;
            state.recordSuccess(clock.instant(), report);
            NodeStatus from = state.status();
            if (from == NodeStatus.UNKNOWN
                    || (from == NodeStatus.DOWN && successes >= policy.healthyThreshold())) {
                move(from, NodeStatus.UP);
            }
            return state.endpoint().checkInterval();
        }

        private Duration failed(Throwable error) {
            failures++;
            successes = 0;
            state.recordFailure(clock.instant(), describe(error));
            NodeStatus from = state.status();
            if (from == NodeStatus.UNKNOWN
                    || (from == NodeStatus.UP && failures >= policy.unhealthyThreshold())) {
                move(from, NodeStatus.DOWN);
            }
            Duration interval = state.endpoint().checkInterval();
            return state.status() == NodeStatus.DOWN ? policy.backoff(interval, failures) : interval;
        }

        private void move(NodeStatus from, NodeStatus to) {
            state.status(to);
            listener.changed(state, from, to);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "probe timed out";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

}
