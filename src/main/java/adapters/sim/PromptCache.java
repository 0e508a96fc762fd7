package adapters.sim;

/**
 * The prompt prefixes one loaded model's slots still hold, as Ollama's runner keeps each slot's KV cache: a request
 * takes the free slot whose cached prompt shares the longest prefix with its own when that prefix is at least half of
 * the prompt, else the free slot used least recently (an empty one first); it pays only for what the slot did not
 * hold, and leaves its prompt there for the next. Dropped with the model when it unloads. Touched only on the node's
 * event loop.
 */
final class PromptCache {

    /** The share of a prompt a slot's cache must cover to be chosen for it (llama.cpp's slot_prompt_similarity). */
    private static final double SIMILARITY = 0.5;

    private final String[] slots;
    private final long[] usedAt;
    private final boolean[] busy;
    private long clock;

    PromptCache(int slots) {
        this.slots = new String[slots];
        this.usedAt = new long[slots];
        this.busy = new boolean[slots];
    }

    /** A slot for {@code prompt}, or -1 when every slot is busy (the prompt is then evaluated whole, uncached). */
    int take(String prompt) {
        int similar = -1;
        int similarShared = 0;
        int oldest = -1;
        for (int i = 0; i < slots.length; i++) {
            if (busy[i]) {
                continue;
            }
            int shared = slots[i] == null ? 0 : shared(slots[i], prompt);
            if (shared > similarShared) {
                similar = i;
                similarShared = shared;
            }
            if (oldest < 0 || usedAt[i] < usedAt[oldest]) {
                oldest = i;
            }
        }
        int chosen = similar >= 0 && similarShared >= SIMILARITY * prompt.length() ? similar : oldest;
        if (chosen >= 0) {
            busy[chosen] = true;
            usedAt[chosen] = ++clock;
        }
        return chosen;
    }

    /** How many leading characters of {@code prompt} slot {@code slot} holds; then it holds all of it. */
    int cached(int slot, String prompt) {
        if (slot < 0) {
            return 0;
        }
        int shared = slots[slot] == null ? 0 : shared(slots[slot], prompt);
        slots[slot] = prompt;
        return shared;
    }

    /** The request in {@code slot} ended: another may take the slot. */
    void free(int slot) {
        if (slot >= 0) {
            busy[slot] = false;
        }
    }

    private static int shared(String cached, String prompt) {
        int n = Math.min(cached.length(), prompt.length());
        int i = 0;
        while (i < n && cached.charAt(i) == prompt.charAt(i)) {
            i++;
        }
        return i;
    }
}
