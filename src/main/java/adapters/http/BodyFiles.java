package adapters.http;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;

import adapters.config.ServerConfig;
import core.access.LogBudget;

/**
 * {@code server.body_temp_path}: where request bodies beyond {@link BodyBudget#FREE} are written while they arrive, as
 * nginx does with {@code client_body_temp_path}. Their bytes then sit in the kernel's page cache, which it can write out
 * and reclaim, not in the gateway's memory: bodies still arriving, a flood of uploads among them, do not grow the
 * process; a body read whole is copied into memory once, for its route. Each body has its own file, taken out of the
 * directory as soon as it is open, so nothing is left behind whatever becomes of the process, and gone once closed.
 * When the system's temporary directory (the default) cannot be written, one warning at startup says so and such bodies
 * are gathered in memory instead; a directory set in config.yaml that cannot be written is refused by
 * {@link ServerChecks}.
 */
final class BodyFiles {

    private static final Logger LOG = Logger.getLogger("drover.http");
    private static final String PREFIX = "drover-body-";
    private static final OpenOptions OPEN = new OpenOptions().setRead(true).setWrite(true).setCreate(false);

    /** Where the files go; {@code null}: bodies are held in memory. */
    private final String directory;
    private final LogBudget faults;

    /** Checks the directory once, at startup (blocking, so never from an event loop). */
    BodyFiles(ServerConfig server, LogBudget faults) {
        this(server.bodyTempPath().map(Path::of).orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"))),
                faults);
    }

    BodyFiles(Path directory, LogBudget faults) {
        this.directory = writable(directory) ? directory.toString() : null;
        this.faults = faults;
    }

    /** Whether bodies go to files (else to memory). */
    boolean onDisk() {
        return directory != null;
    }

    /**
     * Somewhere to gather a body beyond {@link BodyBudget#FREE}: a new file, or memory when there is no directory. A
     * file that cannot be made fails the future; a write that fails later goes to {@code failed}.
     */
    Future<GatheredBody> open(Vertx vertx, HttpServerRequest request, Consumer<Throwable> failed) {
        if (directory == null) {
            return Future.succeededFuture(new GatheredBody.OffHeap());
        }
        FileSystem files = vertx.fileSystem();
        return files.createTempFile(directory, PREFIX, "", (String) null)
                .compose(path -> files.open(path, OPEN)
                        .compose(file -> files.delete(path)
                                .<GatheredBody>map(v -> new GatheredBody.Spilled(file, request, error -> {
                                    warn(error);
                                    failed.accept(refusal(error));
                                }))
                                .onFailure(error -> file.close()),
                                error -> files.delete(path).transform(v -> Future.failedFuture(error))))
                .recover(error -> {
                    warn(error);
                    return Future.failedFuture(refusal(error));
                });
    }

    private BodyMemoryFullException refusal(Throwable error) {
        return new BodyMemoryFullException("the gateway could not write the request body to " + directory
                + " (server.body_temp_path): " + error.getMessage() + "; retry shortly");
    }

    private void warn(Throwable error) {
        faults.write(System.nanoTime(), "cannot write a request body to " + directory + " (server.body_temp_path): "
                + error.getMessage(), LOG::warn);
    }

    private static boolean writable(Path directory) {
        try {
            Files.delete(Files.createTempFile(directory, PREFIX, ""));
            return true;
        } catch (IOException | SecurityException e) {
            LOG.warnf("request bodies over 16 KB will be held in memory: cannot write to %s (%s); set"
                    + " server.body_temp_path to a writable directory", directory, reason(e));
            return false;
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        return e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    }
}
