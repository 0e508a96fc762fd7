package adapters.wiring;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.Level;

import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;

import core.journal.RequestRecord;
import ports.out.RequestObserver;

/**
 * One INFO line per proxied request on the {@code drover.access} logger ({@code log.access}): request id, key name,
 * route, model, node, status, latency, time to first byte, tokens, attempts, why the node was chosen,
 * whether Drover expected it to load the model, the node's own {@code load_duration} (-1: not said) and what
 * the request's session did ({@code hit}, {@code miss}, {@code moved}). Never a prompt, an answer or a key.
 * The lines reach the console through a {@link BatchedConsole} in the console's own format ({@link AccessLineFormat}
 * when it is the shipped one): the event loop that finishes a request only queues its line, and lines are written at
 * most {@link #FLUSH_EVERY} later. In the shipped format, while no other handler is on the category, the line is
 * made whole and queued without a log record ({@link #consoleLine}); the logger's level still decides.
 */
final class AccessLog implements RequestObserver, AutoCloseable {

    static final String CATEGORY = "drover.access";
    /** How late a line may reach the console: nginx-style buffering without a tail that lags noticeably. */
    static final Duration FLUSH_EVERY = Duration.ofMillis(100);
    /** A batch this long is written at once instead of at the next flush. */
    private static final int WAKE_AT = 4096;
    /** Lines waiting beyond this are dropped and counted (the console is stalled): about 10 MB of text lines. */
    private static final int CAPACITY = 32_768;

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final BatchedConsole console;
    /** The batch writer's format when it is the shipped one, in which lines can skip the logger; else null. */
    private final AccessLineFormat lean;
    private final java.util.logging.Logger category = java.util.logging.Logger.getLogger(CATEGORY);

    AccessLog() {
        this.console = batched();
        this.lean = console != null && console.getFormatter() instanceof AccessLineFormat format ? format : null;
    }

    @Override
    public void finished(RequestRecord r) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        if (lean != null && console.takes(Level.INFO) && aloneOnTheCategory()) {
            long now = System.currentTimeMillis();
            console.queue(consoleLine(lean, now, r));
        } else {
            LOG.info(line(r));
        }
    }

    /**
     * Whether the batch writer is all a record of the category would reach (no handler added since, by an operator's
     * logging setup or a test, and no filter): only then may a line skip the record.
     */
    private boolean aloneOnTheCategory() {
        Handler[] handlers = category.getHandlers();
        return handlers.length == 1 && handlers[0] == console && category.getFilter() == null;
    }

    /**
     * The whole console line of {@code r} at {@code epochMillis}, the text the logger would have written through
     * {@code format}, made in one builder: no message string, log record or handler dispatch in between.
     */
    static String consoleLine(AccessLineFormat format, long epochMillis, RequestRecord r) {
        StringBuilder line = format.start(Math.floorDiv(epochMillis, 1000), (int) Math.floorMod(epochMillis, 1000),
                "INFO", CATEGORY, 384);
        return words(line, r).append(format.newline()).toString();
    }

    /** The line, built by appending: {@code String.format} parsed its pattern and boxed each number per request. */
    static String line(RequestRecord r) {
        return words(new StringBuilder(384), r).toString();
    }

    private static StringBuilder words(StringBuilder line, RequestRecord r) {
        return line.append("id=").append(r.requestId())
                .append(" key=").append(dash(r.keyName()))
                .append(" route=").append(r.route())
                .append(" model=").append(dash(r.model()))
                .append(" endpoint=").append(dash(r.endpoint()))
                .append(" status=").append(r.status())
                .append(" latency_ms=").append(r.durationMillis())
                .append(" ttfb_ms=").append(r.firstByteMillis())
                .append(" prompt_tokens=").append(r.promptTokens())
                .append(" completion_tokens=").append(r.completionTokens())
                .append(" attempts=").append(r.attempts())
                .append(" route_reason=").append(dash(r.routeReason()))
                .append(" cold_start=").append(r.coldStart())
                .append(" load_ms=").append(r.loadMillis())
                .append(" affinity=").append(dash(r.affinity()))
                .append(" served_model=").append(dash(r.servedModel()))
                .append(" fallback=").append(r.fallback());
    }

    /** Writes the lines still queued and gives the category back to the root's handlers. */
    @Override
    public void close() {
        if (console != null) {
            category.removeHandler(console);
            category.setUseParentHandlers(true);
            console.close();
        }
    }

    /** The console handler Quarkus configured, wrapped in a batch writer for this category; null without a console. */
    private static BatchedConsole batched() {
        ConsoleHandler console = consoleOf(java.util.logging.Logger.getLogger("").getHandlers());
        if (console == null) {
            return null; // no console to write to (logging configured otherwise): the root's handlers keep the lines
        }
        Charset charset = console.getCharset() == null ? Charset.defaultCharset() : console.getCharset();
        BatchedConsole batched = new BatchedConsole(AccessLineFormat.of(console.getFormatter()), System.out, charset,
                FLUSH_EVERY, WAKE_AT, CAPACITY);
        batched.setLevel(console.getLevel());
        java.util.logging.Logger category = java.util.logging.Logger.getLogger(CATEGORY);
        category.addHandler(batched);
        category.setUseParentHandlers(false);
        return batched;
    }

    private static ConsoleHandler consoleOf(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                return console;
            }
            if (handler instanceof ExtHandler nested) {
                ConsoleHandler found = consoleOf(nested.getHandlers());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
