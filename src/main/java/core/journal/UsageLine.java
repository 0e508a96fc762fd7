package core.journal;

/**
 * Use of the fleet by one key, model and node over a window: requests, how many failed (status 500 and up, or
 * aborted), and the tokens the nodes reported. A null key is the open API; a null model or endpoint, requests that
 * never reached a node.
 */
public record UsageLine(String keyName, String model, String endpoint, long requests, long errors, long promptTokens,
        long completionTokens) {
}
