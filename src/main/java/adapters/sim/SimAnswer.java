package adapters.sim;

/** How one protocol (native NDJSON, OpenAI SSE, non-streamed JSON) writes the pieces of a simulated answer. */
interface SimAnswer {

    void piece(String text, boolean thinking);

    void finish(String doneReason, SimMetrics metrics);

    /** Timing and token counts of a finished answer, in Ollama's units (nanoseconds). */
    record SimMetrics(long totalNanos, long loadNanos, int promptCount, long promptNanos, int evalCount,
            long evalNanos) {
    }
}
