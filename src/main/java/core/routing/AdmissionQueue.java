package core.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import core.Ticker;
import core.fleet.ModelName;
import core.fleet.NodeState;
import ports.out.ResilienceEvents;

/**
 * Requests waiting for a node slot when every candidate is at its {@code max_concurrency}. Bounded ({@code maxSize}),
 * each wait bounded ({@code maxWait}); a freed slot goes to the waiter with the highest priority, where every
 * {@code ageing} waited adds one level (so low priority cannot starve), and to the earliest among equals. A waiter
 * whose future is cancelled (its client left) is gone at once. Thread-safe; the lock is held only to pick waiters.
 */
public final class AdmissionQueue {

    /** Priorities clients may ask for with {@code X-Drover-Priority}; {@link #DEFAULT_PRIORITY} otherwise. */
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 10;
    public static final int DEFAULT_PRIORITY = 5;

    private final LoadBalancer balancer;
    private final ScheduledExecutorService timers;
    private final Ticker ticker;
    private final int maxSize;
    private final Duration maxWait;
    private final long ageingNanos;
    private final ResilienceEvents events;
    private final List<Waiter> waiters = new ArrayList<>();
    private long sequence;

    public AdmissionQueue(LoadBalancer balancer, ScheduledExecutorService timers, Ticker ticker, int maxSize,
            Duration maxWait, Duration ageing, ResilienceEvents events) {
        this.balancer = balancer;
        this.timers = timers;
        this.ticker = ticker;
        this.maxSize = maxSize;
        this.maxWait = maxWait;
        this.ageingNanos = Math.max(1, ageing.toNanos());
        this.events = events;
        balancer.onRelease(this::released);
    }

    /** A queue that holds nobody: a request finding every candidate full is refused at once. */
    public static AdmissionQueue disabled(LoadBalancer balancer) {
        return new AdmissionQueue(balancer, null, Ticker.system(), 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                ResilienceEvents.NONE);
    }

    /**
     * A lease on one of {@code candidates} for {@code model} (null: none) once one has a free slot; fails with {@link QueueFullException} at once
     * when the queue is full, or after {@code maxWait}.
     */
    public CompletableFuture<Lease> await(List<NodeState> candidates, ModelName model, int priority) {
        return await(candidates, model, ProxyRequest.NO_SESSION, priority);
    }

    /** As {@link #await(List, ModelName, int)}, for a request of {@code session}, which the lease may follow. */
    public CompletableFuture<Lease> await(List<NodeState> candidates, ModelName model, long session, int priority) {
        Waiter waiter;
        synchronized (waiters) {
            if (waiters.size() >= maxSize) {
                events.rejected("queue_full");
                return CompletableFuture.failedFuture(new QueueFullException("every node that serves this model is"
                        + " at its max_concurrency and " + waiters.size() + " requests are already waiting"
                        + " (proxy.queue.max_size); retry shortly", retryAfter()));
            }
            waiter = new Waiter(candidates, model, session, clamp(priority), ticker.nanoTime(), sequence++);
            waiters.add(waiter);
            events.queued(waiters.size());
        }
        ScheduledFuture<?> timeout = timers.schedule(() -> expire(waiter), maxWait.toMillis(),
                TimeUnit.MILLISECONDS);
        waiter.future.whenComplete((lease, error) -> {
            timeout.cancel(false);
            if (error != null) {
                remove(waiter);
            }
        });
        // A slot may have been freed between the caller's failed lease and now.
        released();
        return waiter.future;
    }

    /** Requests waiting now. */
    public int size() {
        synchronized (waiters) {
            return waiters.size();
        }
    }

    /** Hands freed slots to waiters, best first, as long as some waiter can take one. */
    void released() {
        while (true) {
            Waiter served = null;
            Lease lease = null;
            synchronized (waiters) {
                if (waiters.isEmpty()) {
                    return;
                }
                long now = ticker.nanoTime();
                List<Waiter> order = new ArrayList<>(waiters);
                order.sort(Comparator.comparingLong((Waiter w) -> -w.effectivePriority(now, ageingNanos))
                        .thenComparingLong(w -> w.sequence));
                for (Waiter waiter : order) {
                    lease = balancer.lease(waiter.candidates, waiter.model, waiter.session).orElse(null);
                    if (lease != null) {
                        served = waiter;
                        waiters.remove(waiter);
                        break;
                    }
                }
            }
            if (served == null) {
                return;
            }
            if (served.future.complete(lease)) {
                events.admitted(Duration.ofNanos(ticker.nanoTime() - served.since));
            } else {
                lease.release();
            }
        }
    }

    private void expire(Waiter waiter) {
        if (waiter.future.isDone()) {
            return;
        }
        events.rejected("queue_timeout");
        waiter.future.completeExceptionally(new QueueFullException("waited " + maxWait.toSeconds() + " s"
                + " (proxy.queue.max_wait) for a free slot on a node that serves this model; retry later",
                retryAfter()));
    }

    private void remove(Waiter waiter) {
        synchronized (waiters) {
            waiters.remove(waiter);
        }
    }

    private Duration retryAfter() {
        return Duration.ofSeconds(Math.max(1, Math.min(30, maxWait.toSeconds() / 4)));
    }

    private static int clamp(int priority) {
        return Math.max(MIN_PRIORITY, Math.min(MAX_PRIORITY, priority));
    }

    private static final class Waiter {

        final List<NodeState> candidates;
        final ModelName model;
        final long session;
        final int priority;
        final long since;
        final long sequence;
        final CompletableFuture<Lease> future = new CompletableFuture<>();

        Waiter(List<NodeState> candidates, ModelName model, long session, int priority, long since, long sequence) {
            this.candidates = candidates;
            this.model = model;
            this.session = session;
            this.priority = priority;
            this.since = since;
            this.sequence = sequence;
        }

        long effectivePriority(long now, long ageingNanos) {
            return priority + Math.max(0, now - since) / ageingNanos;
        }
    }
}
