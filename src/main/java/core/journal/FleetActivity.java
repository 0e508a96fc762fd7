package core.journal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import core.Ticker;
import core.journal.Activity.ModelActivity;
import core.journal.Activity.QueueActivity;
import ports.in.ReviewActivityUseCase;

/**
 * Counts what finished requests and the admission queue did, per second, for the last {@link #HISTORY_SECONDS}, and
 * keeps the last {@link #RECENT} routing decisions and errors. Told of requests on any thread (a short lock, no I/O);
 * time is bucketed by the monotonic clock, so nothing needs to run while nobody looks.
 */
public final class FleetActivity implements ReviewActivityUseCase {

    /** How many seconds of per-second counts are kept. */
    public static final int HISTORY_SECONDS = 180;
    /** The window of the per-model figures and the queue's. */
    public static final int WINDOW_SECONDS = 60;
    /** How many routing decisions and errors are kept. */
    public static final int RECENT = 20;

    private final Ticker ticker;
    private final Object lock = new Object();
    private final Deque<ActivitySecond> history = new ArrayDeque<>();
    private final Deque<RequestRecord> decisions = new ArrayDeque<>();
    private final Deque<RequestRecord> errors = new ArrayDeque<>();
    private ActivitySecond current;

    public FleetActivity(Ticker ticker) {
        this.ticker = ticker;
        this.current = new ActivitySecond(now());
    }

    /** A request finished: counted in this second; its routing decision and any error kept. */
    public void finished(RequestRecord r) {
        synchronized (lock) {
            roll();
            current.add(r);
            if (r.routeReason() != null) {
                keep(decisions, r);
            }
            if (r.status() >= 400) {
                keep(errors, r);
            }
        }
    }

    /** A queued request got a slot after {@code waited}. */
    public void admitted(Duration waited) {
        long millis = waited.toMillis();
        synchronized (lock) {
            roll();
            current.admitted++;
            current.waitMillis += millis;
            current.maxWaitMillis = Math.max(current.maxWaitMillis, millis);
        }
    }

    /** A request was refused before reaching a node (queue full, waited too long). */
    public void rejected() {
        synchronized (lock) {
            roll();
            current.rejected++;
        }
    }

    @Override
    public Activity recent() {
        List<ActivitySecond> seconds;
        List<RequestRecord> lastDecisions;
        List<RequestRecord> lastErrors;
        synchronized (lock) {
            roll();
            seconds = new ArrayList<>(history);
            lastDecisions = new ArrayList<>(decisions);
            lastErrors = new ArrayList<>(errors);
        }
        // Only closed seconds are shown and their maps are no longer written: read without the lock.
        List<Long> requests = new ArrayList<>(seconds.size());
        List<Long> failed = new ArrayList<>(seconds.size());
        Map<String, List<Long>> perNode = new TreeMap<>();
        seconds.forEach(s -> s.cells.keySet().forEach(node -> perNode.putIfAbsent(node, new ArrayList<>())));
        for (ActivitySecond s : seconds) {
            requests.add(s.requests);
            failed.add(s.errors);
            perNode.forEach((node, counts) -> counts.add(s.nodeRequests(node)));
        }
        List<ActivitySecond> window = seconds.subList(Math.max(0, seconds.size() - WINDOW_SECONDS), seconds.size());
        Collections.reverse(lastDecisions);
        Collections.reverse(lastErrors);
        return new Activity(requests, failed, perNode, models(window), queue(window), lastDecisions, lastErrors);
    }

    private static List<ModelActivity> models(List<ActivitySecond> window) {
        Map<String, Map<String, ActivitySecond.Cell>> sums = new TreeMap<>();
        for (ActivitySecond s : window) {
            s.cells.forEach((node, models) -> models.forEach((model, cell) -> sums
                    .computeIfAbsent(node, n -> new TreeMap<>()).computeIfAbsent(model, m -> new ActivitySecond.Cell())
                    .addAll(cell)));
        }
        List<ModelActivity> out = new ArrayList<>();
        sums.forEach((node, models) -> models.forEach((model, c) -> out.add(new ModelActivity(node, model,
                c.requests, c.errors, c.firstBytes == 0 ? -1 : (double) c.firstByteMillis / c.firstBytes,
                c.rated == 0 ? -1 : c.tokensPerSecond / c.rated, c.coldLoads))));
        return out;
    }

    private static QueueActivity queue(List<ActivitySecond> window) {
        long admitted = 0;
        long waited = 0;
        long longest = 0;
        long rejected = 0;
        for (ActivitySecond s : window) {
            admitted += s.admitted;
            waited += s.waitMillis;
            longest = Math.max(longest, s.maxWaitMillis);
            rejected += s.rejected;
        }
        return new QueueActivity(admitted, admitted == 0 ? 0 : (double) waited / admitted, longest, rejected);
    }

    /** Closes the seconds that have passed, empty ones included, keeping at most {@link #HISTORY_SECONDS}. */
    private void roll() {
        long now = now();
        if (now == current.second) {
            return;
        }
        long from = Math.max(current.second, now - HISTORY_SECONDS);
        history.addLast(current);
        for (long s = from + 1; s < now; s++) {
            history.addLast(new ActivitySecond(s));
        }
        while (history.size() > HISTORY_SECONDS) {
            history.removeFirst();
        }
        current = new ActivitySecond(now);
    }

    private static void keep(Deque<RequestRecord> recent, RequestRecord r) {
        recent.addLast(r);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    private long now() {
        return Math.floorDiv(ticker.nanoTime(), 1_000_000_000L);
    }

}
