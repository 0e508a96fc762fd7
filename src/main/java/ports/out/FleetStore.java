package ports.out;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import core.fleet.Node;
import core.fleet.NodeOrigin;
import core.fleet.SavedFleet;

/**
 * Keeps what operators and nodes change at run time so that it survives a restart: nodes that joined at run time,
 * drained names, spent single-use enrollment tokens. Writes never block the caller (they are applied in order, off
 * the caller's thread) and never fail it: a store that cannot write logs why. Endpoints are kept without their
 * credential.
 */
public interface FleetStore {

    /** What was saved before this start; completes once the store could be read. */
    CompletionStage<SavedFleet> saved();

    /** Remembers a node that joined at run time, replacing one of the same name; {@code tokenId} may be null. */
    void joined(Node endpoint, NodeOrigin origin, String tokenId);

    void left(String endpointName);

    void drained(String endpointName, boolean drained);

    void tokenUsed(String tokenId, Instant expires);

    /** Remembers nothing: every start begins with the config file alone. */
    FleetStore NONE = new FleetStore() {
        @Override
        public CompletionStage<SavedFleet> saved() {
            return CompletableFuture.completedFuture(SavedFleet.EMPTY);
        }

        @Override
        public void joined(Node endpoint, NodeOrigin origin, String tokenId) {
        }

        @Override
        public void left(String endpointName) {
        }

        @Override
        public void drained(String endpointName, boolean drained) {
        }

        @Override
        public void tokenUsed(String tokenId, Instant expires) {
        }
    };
}
