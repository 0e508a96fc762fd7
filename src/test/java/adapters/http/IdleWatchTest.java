package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import testsupport.CountingVertx;

class IdleWatchTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final AtomicInteger timers = new AtomicInteger();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void shouldMakeNoTimerForABodyReadInTheTurnItWasAskedFor() throws Exception {
        // Given / When: a body that was whole before the loop turned (its end stops the watch)
        CompletableFuture<Boolean> idle = new CompletableFuture<>();
        context.runOnContext(v -> {
            IdleWatch watch = new IdleWatch(CountingVertx.of(vertx, timers), context, Duration.ofSeconds(30),
                    () -> idle.complete(true));
            watch.watch();
            watch.touch();
            watch.stop();
        });
        CountingVertx.awaitTurns(context, 3);

        // Then
        assertThat(timers).as("timers made").hasValue(0);
        assertThat(idle).isNotDone();
    }

    @Test
    void shouldFireForABodyThatStopsComing() throws Exception {
        // Given: a body still arriving when the loop turns
        CompletableFuture<Long> idle = new CompletableFuture<>();
        long start = System.nanoTime();

        // When: nothing more comes
        context.runOnContext(v -> new IdleWatch(CountingVertx.of(vertx, timers), context, Duration.ofMillis(100),
                () -> idle.complete(System.nanoTime())).watch());

        // Then: it fires once the timeout has passed since the watch began, not before
        long fired = idle.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(fired - start)).isGreaterThanOrEqualTo(100);
        assertThat(timers.get()).as("timers made").isPositive();
    }
}
