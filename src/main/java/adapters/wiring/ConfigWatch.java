package adapters.wiring;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import ports.in.ReloadConfigUseCase;
import sun.misc.Signal;

/**
 * Reloads config.yaml when it changes, or a key or token file it names ({@code key_file}, {@code token_file}: a
 * rotated Secret), and on SIGHUP. The files' folders are watched, not the files, so that an editor's save-by-rename
 * and Kubernetes' ConfigMap and Secret updates (a symlink swapped in the folder) are all seen; every 10 s the files are
 * also compared, for file systems that send no events. A reload runs only when their bytes changed, after the writes
 * of one save have settled (200 ms).
 */
@Singleton
class ConfigWatch {

    private static final Logger LOG = Logger.getLogger("drover.config");
    private static final long POLL_MILLIS = 10_000;
    private static final long SETTLE_MILLIS = 200;
    private static final Pattern FILE_KEY = Pattern.compile("(?:key_file|token_file):\\s*([^\\s,}]+)");

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
        } catch (IllegalArgumentException e) {
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
        } catch (IOException e) {
            LOG.warnf("config.yaml cannot be watched (%s): it is compared every %d s instead", e.getMessage(),
                    POLL_MILLIS / 1000);
        }
        Set<Path> folders = new HashSet<>();
        while (!stopped) {
            try {
                register(file, folders);
                awaitChange(names(file));
                byte[] now = digest(file);
                if (now != null && !Arrays.equals(now, seen)) {
                    seen = now;
                    reload.reload("file changed");
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

    /** Watches the folders of config.yaml and of the files it names, those not watched yet. */
    private void register(Path file, Set<Path> folders) {
        WatchService service = watcher;
        if (service == null) {
            return;
        }
        for (Path named : files(file)) {
            Path folder = named.toAbsolutePath().getParent();
            if (folder != null && !folders.contains(folder) && Files.isDirectory(folder)) {
                try {
                    folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    folders.add(folder);
                } catch (IOException e) {
                    LOG.warnf("%s cannot be watched (%s): it is compared every %d s instead", folder, e.getMessage(),
                            POLL_MILLIS / 1000);
                    folders.add(folder);
                }
            }
        }
    }

    /** config.yaml and the key and token files it names (as written; a file named through ${VAR} is not followed). */
    private static List<Path> files(Path file) {
        List<Path> files = new ArrayList<>(List.of(file));
        try {
            for (String line : Files.readAllLines(file)) {
                int comment = line.indexOf('#');
                Matcher named = FILE_KEY.matcher(comment < 0 ? line : line.substring(0, comment));
                while (named.find()) {
                    String path = named.group(1).replaceAll("^['\"]|['\"]$", "");
                    if (!path.contains("${")) {
                        files.add(Path.of(path));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable between an editor's delete and rename: config.yaml alone until the next look
        }
        return files;
    }

    /**
     * Returns once a change to one of {@code names} (or a Kubernetes {@code ..data} swap) has settled, or after the poll
     * period. Events for other files in the folders (a log written next to config.yaml) are passed over: they would
     * never let a save settle.
     */
    private void awaitChange(Set<String> names) throws InterruptedException {
        WatchService service = watcher;
        if (service == null) {
            Thread.sleep(POLL_MILLIS);
            return;
        }
        // until the poll period is over; once a relevant change came, until 200 ms without another
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
            WatchKey key = left <= 0 ? null : service.poll(left, TimeUnit.MILLISECONDS);
            if (key == null) {
                return;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                String name = String.valueOf(event.context());
                if (event.kind() == StandardWatchEventKinds.OVERFLOW || names.contains(name)
                        || name.startsWith("..")) {
                    until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
                }
            }
            key.reset();
        }
    }

    /** The file names a change of which matters: config.yaml's and those of the files it names. */
    private static Set<String> names(Path file) {
        Set<String> names = new HashSet<>();
        files(file).forEach(named -> names.add(String.valueOf(named.getFileName())));
        return names;
    }

    /**
     * The SHA-256 of config.yaml and the files it names, or null while config.yaml cannot be read (between an
     * editor's delete and rename); a named file that cannot be read counts as empty (the reload then says why).
     */
    private static byte[] digest(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(file));
            List<Path> files = files(file);
            for (Path named : files.subList(1, files.size())) {
                try {
                    digest.update(Files.readAllBytes(named));
                } catch (IOException | RuntimeException e) {
                    digest.update((byte) 0);
                }
            }
            return digest.digest();
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
