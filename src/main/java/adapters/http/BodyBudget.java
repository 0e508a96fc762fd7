package adapters.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Context;

import adapters.config.ServerConfig;

/**
 * {@code server.body_memory}: the most request-body bytes held at once, over all requests (in {@link BodyFiles} while
 * they arrive, in memory once read whole). A body up to
 * {@link #FREE} is not counted (the control routes' whole limit; a usual chat), so a flood of large bodies never holds
 * up small requests. A larger body claims its declared length before it is read, or, of unknown length (chunked, HTTP/2),
 * the whole limit of its route once it passes {@link #FREE}, which it gives back down to what it read when it ends; so
 * a claim once granted can always be filled, and no two half-read bodies wait on each other. A claim that does not fit
 * waits, first come first served, with its client's upload paused (TCP pushes back); the body reader gives up on it
 * after {@code server.body_timeout} (503). A claim is held while its body is: until the request's answer ends, since the
 * body is kept whole to retry it on another node. Thread-safe; grants run on the claimant's context.
 */
@ApplicationScoped
class BodyBudget {

    /** Body bytes every request may hold without a claim. */
    static final long FREE = Gate.CONTROL_BODY;

    private final long capacity;
    private final ArrayDeque<Claim> waiting = new ArrayDeque<>();
    private long held;

    @Inject
    BodyBudget(ServerConfig server) {
        this(server.bodyMemory().asLongValue());
    }

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /** Bytes claimed now. */
    synchronized long held() {
        return held;
    }

    /** Claims waiting for room now. */
    synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Claims {@code bytes} (at most the capacity, which the configuration keeps at or above every route's limit);
     * {@code onGrant} runs on {@code context} once they are held, at once when there is room and nobody waits before.
     */
    Claim claim(long bytes, Context context, Runnable onGrant) {
        Claim claim = new Claim(Math.min(bytes, capacity), context, onGrant);
        boolean now;
        synchronized (this) {
            now = waiting.isEmpty() && held + claim.bytes <= capacity;
            if (now) {
                held += claim.bytes;
                claim.granted = true;
            } else {
                waiting.add(claim);
            }
        }
        if (now) {
            onGrant.run();
        }
        return claim;
    }

    private void giveBack(long bytes) {
        List<Claim> granted = new ArrayList<>(1);
        synchronized (this) {
            held -= bytes;
            while (!waiting.isEmpty() && held + waiting.peek().bytes <= capacity) {
                Claim next = waiting.poll();
                held += next.bytes;
                next.granted = true;
                granted.add(next);
            }
        }
        for (Claim claim : granted) {
            claim.context.runOnContext(v -> claim.onGrant.run());
        }
    }

    /** Bytes claimed, or waiting to be; given back once, by {@link #release} or {@link #shrink}. */
    final class Claim {

        private final Context context;
        private final Runnable onGrant;
        private long bytes;
        private boolean granted;
        private boolean released;

        private Claim(long bytes, Context context, Runnable onGrant) {
            this.bytes = bytes;
            this.context = context;
            this.onGrant = onGrant;
        }

        /** Whether the bytes are held (and {@code onGrant} has run or is about to). */
        boolean granted() {
            synchronized (BodyBudget.this) {
                return granted;
            }
        }

        /** Keeps only {@code keep} of the bytes, giving the rest back (a body of unknown length, once read). */
        void shrink(long keep) {
            long back;
            synchronized (BodyBudget.this) {
                if (!granted || released || keep >= bytes) {
                    return;
                }
                back = bytes - keep;
                bytes = keep;
            }
            giveBack(back);
        }

        /** Gives the bytes back, or stops waiting for them; idempotent. */
        void release() {
            long back;
            synchronized (BodyBudget.this) {
                if (released) {
                    return;
                }
                released = true;
                back = granted ? bytes : 0;
                if (!granted) {
                    waiting.remove(this);
                }
            }
            giveBack(back); // also lets those waiting behind a claim that stopped waiting go on

        }
    }
}
