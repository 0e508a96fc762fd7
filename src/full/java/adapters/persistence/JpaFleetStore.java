package adapters.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import core.fleet.Node;
import core.fleet.NodeOrigin;
import core.fleet.SavedFleet;
import ports.out.FleetStore;

/**
 * The fleet's run-time changes on Hibernate ORM. One daemon thread reads what was saved (retrying every few seconds
 * while the database does not answer, so a database that is down at start delays the restore, never the gateway)
 * and then applies writes in the order they were made, one transaction each. A write the database refuses is logged
 * and lost; at most {@value #MAX_PENDING} writes wait while the database is away.
 */
final class JpaFleetStore implements FleetStore, Closing {

    private static final Logger LOG = Logger.getLogger("drover.persistence");
    private static final int MAX_PENDING = 10_000;
    private static final long RETRY_MILLIS = TimeUnit.SECONDS.toMillis(5);

    private final Database database;
    private final Clock clock;
    private final CompletableFuture<SavedFleet> saved = new CompletableFuture<>();
    private final ThreadPoolExecutor writer;

    JpaFleetStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_PENDING),
                task -> {
                    Thread thread = new Thread(task, "drover-fleet-store");
                    thread.setDaemon(true);
                    return thread;
                },
                (task, pool) -> LOG.warn("fleet store: a change is lost (it came during shutdown, or too many wait for"
                        + " the database)"));
        writer.execute(this::load);
    }

    @Override
    public CompletionStage<SavedFleet> saved() {
        return saved;
    }

    @Override
    public void joined(Node endpoint, NodeOrigin origin, String tokenId) {
        FleetEndpointRow row = FleetEndpointRow.of(endpoint, origin, tokenId, clock.instant());
        write("node " + endpoint.name(), session -> session.merge(row));
    }

    @Override
    public void left(String endpointName) {
        write("the removal of node " + endpointName, session -> session.createMutationQuery(
                "delete from FleetEndpointRow where name = :name").setParameter("name", endpointName).executeUpdate());
    }

    @Override
    public void drained(String endpointName, boolean drained) {
        Instant now = clock.instant();
        write((drained ? "the drain of " : "the undrain of ") + endpointName, session -> {
            if (drained) {
                DrainedRow row = new DrainedRow();
                row.name = endpointName;
                row.drainedAt = now;
                session.merge(row);
            } else {
                session.createMutationQuery("delete from DrainedRow where name = :name")
                        .setParameter("name", endpointName).executeUpdate();
            }
        });
    }

    @Override
    public void tokenUsed(String tokenId, Instant expires) {
        UsedTokenRow row = new UsedTokenRow();
        row.id = tokenId;
        row.expiresAt = expires;
        write("a spent enrollment token", session -> session.merge(row));
    }

    /** Lets the writes already made reach the database (up to five seconds), then stops the writer. */
    @Override
    public void close() {
        if (writer.isShutdown()) {
            return;
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warnf("fleet store: %d change(s) not saved at shutdown", writer.getQueue().size());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String what, Consumer<Session> work) {
        writer.execute(() -> {
            try {
                database.inTransaction(session -> {
                    work.accept(session);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warnf("fleet store: could not save %s, it will not survive a restart: %s", what, e.toString());
            }
        });
    }

    private void load() {
        boolean warned = false;
        while (!writer.isShutdown()) {
            try {
                saved.complete(database.inTransaction(this::read));
                return;
            } catch (RuntimeException e) {
                if (!warned) {
                    LOG.warnf("fleet store: cannot read what was saved before this start (%s); nodes added at run"
                            + " time and drained names come back once the database answers", e.toString());
                    warned = true;
                }
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private SavedFleet read(Session session) {
        Instant now = clock.instant();
        session.createMutationQuery("delete from UsedTokenRow where expiresAt <= :now").setParameter("now", now)
                .executeUpdate();
        List<SavedFleet.SavedNode> endpoints = new ArrayList<>();
        for (FleetEndpointRow row : session.createQuery("from FleetEndpointRow order by updatedAt",
                FleetEndpointRow.class).list()) {
            try {
                endpoints.add(row.saved());
            } catch (IllegalArgumentException e) {
                LOG.warnf("fleet store: saved node %s is left out: %s", row.name, e.getMessage());
            }
        }
        Set<String> drained = new HashSet<>(session.createQuery("select d.name from DrainedRow d", String.class)
                .list());
        Map<String, Instant> used = new HashMap<>();
        session.createQuery("from UsedTokenRow", UsedTokenRow.class).list().forEach(t -> used.put(t.id, t.expiresAt));
        return new SavedFleet(endpoints, drained, used);
    }
}
