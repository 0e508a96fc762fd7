package adapters.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** The gateway's run loop: started, then waits for a shutdown signal. */
public final class GatewayApp implements QuarkusApplication {

    private static volatile Runnable onStarted = () -> {
    };

    static void onStarted(Runnable action) {
        onStarted = action;
    }

    @Override
    public int run(String... args) {
        onStarted.run();
        Quarkus.waitForExit();
        return 0;
    }
}
