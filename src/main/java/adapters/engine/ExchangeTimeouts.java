package adapters.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import adapters.config.ProxyConfig;

/**
 * The engine's timeouts in force: read by every exchange as it starts, replaced by a configuration reload (an exchange
 * under way keeps the ones it started with). The connect timeout is the HTTP client's and stays as started.
 * Thread-safe.
 */
public final class ExchangeTimeouts {

    private volatile Timeouts current;

    ExchangeTimeouts(Timeouts initial) {
        this.current = initial;
    }

    /** The timeouts {@code proxy} sets (checked: {@link EngineChecks}). */
    public static ExchangeTimeouts from(ProxyConfig proxy) {
        EngineChecks.check(proxy);
        return new ExchangeTimeouts(EngineChecks.timeouts(proxy));
    }

    Timeouts current() {
        return current;
    }

    /** Takes {@code proxy}'s first-byte, idle and total timeouts; returns those that changed, as {@code key=value}. */
    public synchronized List<String> replace(ProxyConfig proxy) {
        Timeouts now = current;
        Timeouts next = new Timeouts(now.connect(), proxy.firstByteTimeout(), proxy.idleTimeout(),
                proxy.totalTimeout());
        List<String> changed = new ArrayList<>(3);
        if (!next.firstByte().equals(now.firstByte())) {
            changed.add("first_byte_timeout=" + text(next.firstByte()));
        }
        if (!next.idle().equals(now.idle())) {
            changed.add("idle_timeout=" + text(next.idle()));
        }
        if (!next.total().equals(now.total())) {
            changed.add("total_timeout=" + text(next.total()));
        }
        current = next;
        return changed;
    }

    /** As config.yaml writes it: {@code 30s}, {@code 1500ms}. */
    private static String text(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
