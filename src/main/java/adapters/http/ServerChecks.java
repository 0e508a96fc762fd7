package adapters.http;

import java.nio.file.Files;
import java.nio.file.Path;

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
        server.bodyTempPath().ifPresent(path -> {
            Path directory = Path.of(path);
            if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
                throw new InvalidConfigException("server.body_temp_path", path,
                        "must be a directory Drover can write to (request bodies over 16 KB are written there)");
            }
        });
    }

    /** A size as config.yaml writes it: 64M rather than 67108864. */
    private static String size(long bytes) {
        for (int shift = 30; shift >= 10; shift -= 10) {
            if (bytes % (1L << shift) == 0) {
                return (bytes >> shift) + "GMK".substring((30 - shift) / 10, (30 - shift) / 10 + 1);
            }
        }
        return Long.toString(bytes);
    }
}
