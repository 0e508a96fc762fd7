package core.journal;

import java.util.HashMap;
import java.util.Map;

import core.fleet.ModelName;

/** The counts of one second of {@link FleetActivity}; changed only under its lock. */
final class ActivitySecond {

    final long second;
    long requests;
    long errors;
    long admitted;
    long waitMillis;
    long maxWaitMillis;
    long rejected;
    /** Node, then model (a request that reached no node has none and is counted only in the totals). */
    final Map<String, Map<String, Cell>> cells = new HashMap<>();

    ActivitySecond(long second) {
        this.second = second;
    }

    void add(RequestRecord r) {
        requests++;
        boolean failed = r.status() >= 500 && !r.aborted();
        if (failed) {
            errors++;
        }
        if (r.endpoint() == null) {
            return;
        }
        // The model the node ran; only an alias's or fallback's model is written as configured and needs normalising.
        String model = r.servedModel() != null
                ? ModelName.of(r.servedModel()).canonical()
                : r.model() == null ? "" : r.model();
        Cell cell = cells.computeIfAbsent(r.endpoint(), e -> new HashMap<>()).computeIfAbsent(model, m -> new Cell());
        cell.requests++;
        if (failed) {
            cell.errors++;
        }
        if (r.firstByteMillis() >= 0) {
            cell.firstByteMillis += r.firstByteMillis();
            cell.firstBytes++;
        }
        double rate = r.tokensPerSecond();
        if (rate > 0) {
            cell.tokensPerSecond += rate;
            cell.rated++;
        }
        if (r.coldLoad()) {
            cell.coldLoads++;
        }
    }

    long nodeRequests(String node) {
        Map<String, Cell> models = cells.get(node);
        return models == null ? 0 : models.values().stream().mapToLong(c -> c.requests).sum();
    }

    /** One node and model in one second, or summed over several. */
    static final class Cell {
        long requests;
        long errors;
        long firstByteMillis;
        long firstBytes;
        double tokensPerSecond;
        long rated;
        long coldLoads;

        void addAll(Cell other) {
            requests += other.requests;
            errors += other.errors;
            firstByteMillis += other.firstByteMillis;
            firstBytes += other.firstBytes;
            tokensPerSecond += other.tokensPerSecond;
            rated += other.rated;
            coldLoads += other.coldLoads;
        }
    }
}
