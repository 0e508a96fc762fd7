package adapters.http;

import adapters.config.InvalidConfigException;
import adapters.config.ServerConfig;

/**
 * The rules of {@code server:} in config.yaml that tie settings together, applied before the framework starts by
 * {@code drover serve} and {@code drover config check}, and again by the {@link Gate}. Throws
 * {@link InvalidConfigException} naming the key.
 */
public final class ServerChecks {

    private ServerChecks() {
    }

    public static void check(ServerConfig server) {
        long maxBody = server.maxBodySize().asLongValue();
        long memory = server.bodyMemory().asLongValue();
        if (memory < maxBody) {
            throw new InvalidConfigException("server.body_memory", size(memory), "must be at least"
                    + " server.max_body_size (" + size(maxBody) + "), or no body of that size could ever be read");
        }
    }

    private static String size(long bytes) {
        for (String unit : new String[]{"G", "M", "K"}) {
            long scale = unit.equals("G") ? 1L << 30 : unit.equals("M") ? 1L << 20 : 1L << 10;
            if (bytes % scale == 0) {
                return bytes / scale + unit;
            }
        }
        return Long.toString(bytes);
    }
}
