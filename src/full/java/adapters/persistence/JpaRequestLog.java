package adapters.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.hibernate.Session;
import org.hibernate.query.Query;
import org.jboss.logging.Logger;

import adapters.config.DatabaseConfig;
import adapters.persistence.requestlog.RequestRow;
import core.journal.RequestQuery;
import core.journal.RequestRecord;
import core.journal.UsageLine;
import ports.out.RequestLog;

/**
 * The request log on Hibernate ORM. A request only offers its row to a bounded queue (a full queue drops the row and
 * counts it); one daemon thread writes rows in batches of up to {@code batch_size}, one transaction each, and applies
 * retention (age, then row count) every five minutes. A batch the database refuses is dropped and counted, and the
 * writer waits a second before trying again, so a dead database costs a request nothing.
 */
final class JpaRequestLog implements RequestLog, Closing {

    private static final Logger LOG = Logger.getLogger("drover.persistence");
    private static final long RETENTION_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final long WARN_EVERY_MILLIS = TimeUnit.SECONDS.toMillis(30);
    private static final long GATHER_MILLIS = 250;

    private final Database database;
    private final DatabaseConfig.RequestLog config;
    private final Clock clock;
    private final BlockingQueue<RequestRecord> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private long nextRetention;
    private long lastWarning;

    JpaRequestLog(Database database, DatabaseConfig.RequestLog config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueSize()));
        this.writer = new Thread(this::writeLoop, "drover-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void finished(RequestRecord request) {
        if (!queue.offer(request)) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public long written() {
        return written.get();
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public List<RequestRecord> recent(RequestQuery query) {
        return database.inTransaction(session -> {
            StringBuilder jpql = new StringBuilder("from RequestRow r where 1 = 1");
            if (query.model() != null) {
                jpql.append(" and r.model = :model");
            }
            if (query.endpoint() != null) {
                jpql.append(" and r.endpoint = :endpoint");
            }
            if (query.status() != null) {
                jpql.append(" and r.status = :status");
            }
            if (query.since() != null) {
                jpql.append(" and r.startedAt >= :since");
            }
            Query<RequestRow> select = session.createQuery(jpql.append(" order by r.startedAt desc, r.id desc")
                    .toString(), RequestRow.class);
            if (query.model() != null) {
                select.setParameter("model", query.model());
            }
            if (query.endpoint() != null) {
                select.setParameter("endpoint", query.endpoint());
            }
            if (query.status() != null) {
                select.setParameter("status", query.status());
            }
            if (query.since() != null) {
                select.setParameter("since", query.since());
            }
            return select.setMaxResults(query.limit()).getResultList().stream().map(RequestRow::toRecord).toList();
        });
    }

    @Override
    public List<UsageLine> usage(Instant since) {
        return database.inTransaction(session -> session.createQuery("select r.keyName, r.model, r.endpoint,"
                + " count(r), sum(case when r.status >= 499 then 1 else 0 end),"
                + " sum(case when r.promptTokens > 0 then r.promptTokens else 0 end),"
                + " sum(case when r.completionTokens > 0 then r.completionTokens else 0 end)"
                + " from RequestRow r where r.startedAt >= :since group by r.keyName, r.model, r.endpoint"
                + " order by count(r) desc", Object[].class).setParameter("since", since).getResultList().stream()
                .map(row -> new UsageLine((String) row[0], (String) row[1], (String) row[2], number(row[3]),
                        number(row[4]), number(row[5]), number(row[6])))
                .toList());
    }

    /** Stops the writer after it has written what is queued (bounded by the shutdown timeout of the caller). */
    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        List<RequestRecord> batch = new ArrayList<>(config.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                RequestRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    gather();
                    queue.drainTo(batch, Math.max(0, config.batchSize() - 1));
                    write(batch);
                }
                retain();
            } catch (InterruptedException e) {
                if (!running && queue.isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                warn(e);
                pause();
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Lets a batch gather for {@value #GATHER_MILLIS} ms unless one is already waiting: one transaction for many rows,
     * and while the writer sleeps a request's offer wakes no thread.
     */
    private void gather() {
        if (running && queue.size() < config.batchSize() - 1) {
            try {
                Thread.sleep(GATHER_MILLIS);
            } catch (InterruptedException e) {
                // closing: write what is there
            }
        }
    }

    private void write(List<RequestRecord> batch) {
        List<RequestRow> rows = new ArrayList<>(batch.size());
        for (RequestRecord record : batch) {
            rows.add(RequestRow.of(record));
        }
        database.inStatelessTransaction(session -> {
            session.insertMultiple(rows);
            return null;
        });
        written.addAndGet(batch.size());
    }

    private void retain() {
        long now = System.currentTimeMillis();
        if (now < nextRetention) {
            return;
        }
        nextRetention = now + RETENTION_EVERY_MILLIS;
        int deleted = database.inTransaction(session -> deleteOld(session));
        if (deleted > 0) {
            LOG.debugf("request log: %d old rows deleted", deleted);
        }
    }

    private int deleteOld(Session session) {
        Instant cutoff = clock.instant().minus(config.retention());
        int deleted = session.createMutationQuery("delete from RequestRow r where r.startedAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
        List<Long> oldestKept = session.createQuery("select r.id from RequestRow r order by r.id desc", Long.class)
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, config.maxRows() - 1)).setMaxResults(1)
                .getResultList();
        if (!oldestKept.isEmpty()) {
            deleted += session.createMutationQuery("delete from RequestRow r where r.id < :id")
                    .setParameter("id", oldestKept.get(0)).executeUpdate();
        }
        return deleted;
    }

    private void warn(RuntimeException e) {
        long now = System.currentTimeMillis();
        if (now - lastWarning >= WARN_EVERY_MILLIS) {
            lastWarning = now;
            LOG.warnf("request log: cannot write to the %s database (%s); rows are dropped and counted in"
                    + " drover_request_log_dropped_total until it answers again", database.unit(), rootCause(e));
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
