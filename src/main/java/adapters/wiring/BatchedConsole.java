package adapters.wiring;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logging.Logger;

/**
 * A log handler that writes its lines to the console in batches, like nginx's {@code access_log ... buffer= flush=}:
 * {@link #publish} formats the line and queues it, never wakes a thread per line and never blocks (the caller is an
 * event loop); one writer thread writes what has queued every {@code flushEvery}, or sooner once {@code wakeAt} lines
 * wait, with one write on the console stream under its lock, so a batch never splits another logger's line.
 * When the console does not keep up, lines past {@code capacity} are dropped and counted, and the count is reported
 * once writing resumes: a stalled terminal or log pipe costs log lines, never the gateway's event loops.
 */
final class BatchedConsole extends Handler {

    private static final Logger LOG = Logger.getLogger("drover");
    private static final int BATCH_BYTES = 64 * 1024;

    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private long reported;
    private final ReentrantLock writing = new ReentrantLock();
    private final PrintStream out;
    private final Charset charset;
    private final long flushNanos;
    private final int wakeAt;
    private final int capacity;
    private final Thread writer;
    private volatile boolean closed;

    BatchedConsole(Formatter formatter, PrintStream out, Charset charset, Duration flushEvery, int wakeAt,
            int capacity) {
        setFormatter(formatter);
        this.out = out;
        this.charset = charset;
        this.flushNanos = flushEvery.toNanos();
        this.wakeAt = wakeAt;
        this.capacity = capacity;
        this.writer = new Thread(this::run, "drover-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (!closed && isLoggable(record)) {
            queue(format(record));
        }
    }

    /** Whether a line of {@code level} would be written (the handler's own level; it has no filter). */
    boolean takes(java.util.logging.Level level) {
        return !closed && level.intValue() >= getLevel().intValue() && getFilter() == null;
    }

    /** Queues a line already formatted, ending with its line separator, as {@link #publish} queues a record's. */
    void queue(String line) {
        int size = queued.incrementAndGet();
        if (size > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(line);
        if (size == wakeAt) {
            LockSupport.unpark(writer);
        }
    }

    /** Writes everything queued so far before returning. */
    @Override
    public void flush() {
        drain();
    }

    /** Writes what is queued and stops the writer; later records are ignored. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    /** Lines dropped since the start because the console did not keep up. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(this, flushNanos);
            drain();
        }
    }

    private void drain() {
        writing.lock();
        try {
            StringBuilder batch = new StringBuilder(8192);
            for (String line; (line = queue.poll()) != null;) {
                queued.decrementAndGet();
                batch.append(line);
                if (batch.length() >= BATCH_BYTES) {
                    write(batch);
                }
            }
            write(batch);
            long lost = dropped.get() - reported;
            if (lost > 0) {
                reported += lost;
                LOG.warnf("dropped %d access log line(s): the console did not keep up", lost);
            }
        } finally {
            writing.unlock();
        }
    }

    private String format(LogRecord record) {
        try {
            return getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("could not format an access log line", e, ErrorManager.FORMAT_FAILURE);
            return "";
        }
    }

    private void write(StringBuilder batch) {
        if (batch.isEmpty()) {
            return;
        }
        byte[] bytes = batch.toString().getBytes(charset);
        batch.setLength(0);
        // PrintStream's write is synchronized on the stream, which the console handler writes through too
        out.write(bytes, 0, bytes.length);
        out.flush();
    }
}
