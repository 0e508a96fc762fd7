package testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** A Vert.x that counts the one-off timers made on it, and a wait for an event loop to turn. */
public final class CountingVertx {

    private CountingVertx() {
    }

    /** {@code vertx}, adding one to {@code timers} for each {@code setTimer}. */
    public static Vertx of(Vertx vertx, AtomicInteger timers) {
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setTimer")) {
                        timers.incrementAndGet();
                    }
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Waits until {@code context} has run {@code turns} tasks queued one after the other. */
    public static void awaitTurns(Context context, int turns) throws Exception {
        for (int i = 0; i < turns; i++) {
            CompletableFuture<Void> turned = new CompletableFuture<>();
            context.runOnContext(v -> turned.complete(null));
            turned.get(2, TimeUnit.SECONDS);
        }
    }
}
