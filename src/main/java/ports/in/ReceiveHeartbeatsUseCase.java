package ports.in;

import java.time.Duration;

import core.fleet.HeartbeatRefusedException;

/** Nodes that are reachable but come and go keep their place in the fleet by beating every few seconds. */
public interface ReceiveHeartbeatsUseCase {

    /**
     * One heartbeat of node {@code name} at {@code url} ({@code type}: ollama, openai or auto; null: ollama), carrying
     * the {@code Authorization} header it came with.
     */
    Beat beat(String authorization, String name, String url, String type) throws HeartbeatRefusedException;

    /** An accepted heartbeat: whether it registered the node (new, or at a new URL or type), and when to beat again. */
    record Beat(boolean registered, Duration ttl) {
    }
}
