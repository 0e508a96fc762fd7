package adapters.wiring;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import ports.in.ReloadConfigUseCase;
import sun.misc.Signal;

/**
 * Reloads config.yaml when it changes, and on SIGHUP. The file's folder is watched, not the file, so that an editor's
 * save-by-rename and Kubernetes' ConfigMap update (a symlink swapped in the folder) are both seen; every 10 s the
 * file is also compared, for file systems that send no events. A reload runs only when the file's bytes changed, after
 * the writes of one save have settled (200 ms).
 */
@Singleton
class ConfigWatch {

    private static final Logger LOG = Logger.getLogger("drover.config");
    private static final long POLL_MILLIS = 10_000;
    private static final long SETTLE_MILLIS = 200;

    private final ReloadConfigUseCase reload;
    private volatile WatchService watcher;
    private volatile boolean stopped;

    ConfigWatch(ReloadConfigUseCase reload) {
        this.reload = reload;
    }

    void start(@Observes StartupEvent event) {
        try {
            // Without this, SIGHUP ends the JVM.
            Signal.handle(new Signal("HUP"), signal -> reload.reload("SIGHUP"));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warnf("SIGHUP cannot be handled here (%s); reload with POST /admin/reload", e.getMessage());
        }
        ReloadProducer.configFile().ifPresent(file -> {
            Thread thread = new Thread(() -> watch(file.toAbsolutePath()), "drover-config-watch");
            thread.setDaemon(true);
            thread.start();
        });
    }

    @PreDestroy
    void stop() {
        stopped = true;
        WatchService service = watcher;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // closing for shutdown: nothing left to do
            }
        }
    }

    private void watch(Path file) {
        byte[] seen = digest(file);
        try {
            watcher = file.getFileSystem().newWatchService();
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warnf("config.yaml's folder cannot be watched (%s): it is compared every %d s instead", e.getMessage(),
                    POLL_MILLIS / 1000);
        }
        while (!stopped) {
            try {
                awaitChange();
                byte[] now = digest(file);
                if (now != null && !Arrays.equals(now, seen)) {
                    seen = now;
                    reload.reload("config.yaml changed");
                }
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("config.yaml watch: " + e, e);
            }
        }
    }

    /** Returns after an event in the folder has settled, or after the poll period. */
    private void awaitChange() throws InterruptedException {
        WatchService service = watcher;
        if (service == null) {
            Thread.sleep(POLL_MILLIS);
            return;
        }
        WatchKey key = service.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The file's SHA-256, or null while it cannot be read (between an editor's delete and rename). */
    private static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
