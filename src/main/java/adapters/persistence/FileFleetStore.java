package adapters.persistence;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import core.fleet.Node;
import core.fleet.NodeOrigin;
import core.fleet.NodeType;
import core.fleet.SavedFleet;
import core.fleet.SavedFleet.SavedNode;
import ports.out.FleetStore;

/**
 * The fleet's run-time changes in one small JSON file ({@value #FILE} under {@code database.path}), for the embedded
 * setup: no database is started to keep a handful of names. The whole state is held in memory and the file is
 * rewritten after each change, off the caller's thread, by writing a temporary file, forcing it to disk and renaming
 * it over the old one, so a crash leaves either the old state or the new, never half of one. Several changes that
 * come while a write is under way are saved by one write. A lock on {@value #LOCK} keeps a second gateway from
 * writing the same file (startup refuses that case first, see ConfigPreflight). A file that cannot be read is moved
 * aside, named with {@code .unreadable}, and the start goes on without it.
 */
final class FileFleetStore implements FleetStore, Closing {

    static final String FILE = "fleet.json";
    static final String LOCK = "fleet.lock";
    private static final Logger LOG = Logger.getLogger("drover.persistence");

    private final Path dir;
    private final Clock clock;
    private final Map<String, SavedNode> nodes = new LinkedHashMap<>();
    private final Set<String> drained = new LinkedHashSet<>();
    private final Map<String, Instant> usedTokens = new HashMap<>();
    private final CompletableFuture<SavedFleet> saved = new CompletableFuture<>();
    private final AtomicBoolean writeQueued = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "drover-fleet-store");
        thread.setDaemon(true);
        return thread;
    });
    private FileChannel lockChannel;
    private FileLock lock;
    private volatile boolean writable;

    FileFleetStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        writer.execute(this::load);
    }

    @Override
    public CompletionStage<SavedFleet> saved() {
        return saved;
    }

    @Override
    public void joined(Node endpoint, NodeOrigin origin, String tokenId) {
        change(() -> {
            nodes.remove(endpoint.name());
            nodes.put(endpoint.name(), new SavedNode(endpoint, origin, tokenId));
        });
    }

    @Override
    public void left(String endpointName) {
        change(() -> nodes.remove(endpointName));
    }

    @Override
    public void drained(String endpointName, boolean isDrained) {
        change(() -> {
            if (isDrained) {
                drained.add(endpointName);
            } else {
                drained.remove(endpointName);
            }
        });
    }

    @Override
    public void tokenUsed(String tokenId, Instant expires) {
        change(() -> usedTokens.put(tokenId, expires));
    }

    /** Lets the last write finish (up to five seconds), then stops the writer and lets the file go. */
    @Override
    public void close() {
        if (writer.isShutdown()) {
            return;
        }
        writer.execute(this::unlock);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("fleet store: the last change was not saved at shutdown");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void change(Runnable edit) {
        synchronized (this) {
            edit.run();
        }
        if (writeQueued.compareAndSet(false, true)) {
            try {
                writer.execute(this::write);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("fleet store: a change came during shutdown and is not saved");
            }
        }
    }

    private void write() {
        writeQueued.set(false);
        if (!writable) {
            return;
        }
        String json;
        synchronized (this) {
            json = encode().encodePrettily();
        }
        Path file = dir.resolve(FILE);
        Path temp = dir.resolve(FILE + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("fleet store: could not write %s, the last change will not survive a restart: %s", file,
                    e.toString());
        }
    }

    private void load() {
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock == null) {
                LOG.warnf("fleet store: %s is held by another running Drover; changes made at run time here will"
                        + " not be saved (give each instance its own database.path)", dir.resolve(LOCK));
            }
            writable = lock != null;
        } catch (IOException | OverlappingFileLockException e) {
            LOG.warnf("fleet store: cannot use %s (%s); changes made at run time will not survive a restart", dir,
                    e.toString());
        }
        Path file = dir.resolve(FILE);
        SavedFleet fleet = SavedFleet.EMPTY;
        if (Files.isRegularFile(file)) {
            try {
                fleet = decode(new JsonObject(Files.readString(file)));
            } catch (IOException | RuntimeException e) {
                Path aside = dir.resolve(FILE + ".unreadable");
                LOG.warnf("fleet store: %s cannot be read (%s); starting without it, it is kept as %s", file,
                        e.getMessage(), aside);
                try {
                    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailed) {
                    LOG.warnf("fleet store: could not move %s aside: %s", file, moveFailed.toString());
                }
            }
        }
        synchronized (this) {
            fleet.endpoints().forEach(n -> nodes.putIfAbsent(n.endpoint().name(), n));
            drained.addAll(fleet.drained());
            fleet.usedTokens().forEach(usedTokens::putIfAbsent);
        }
        saved.complete(fleet);
    }

    private void unlock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the process is stopping; the lock goes with it
        }
    }

    private JsonObject encode() {
        Instant now = clock.instant();
        usedTokens.values().removeIf(expires -> !expires.isAfter(now));
        JsonArray list = new JsonArray();
        for (SavedNode saved : nodes.values()) {
            Node n = saved.endpoint();
            list.add(new JsonObject().put("name", n.name()).put("origin", saved.origin().name())
                    .put("url", n.url().toString()).put("type", n.type().name()).put("priority", n.priority())
                    .put("max_concurrency", n.maxConcurrency()).put("weight", n.weight())
                    .put("num_parallel", n.numParallel()).put("check_interval_ms", n.checkInterval().toMillis())
                    .put("check_timeout_ms", n.checkTimeout().toMillis()).put("health_path", n.healthPath())
                    .put("token_id", saved.tokenId()));
        }
        JsonObject tokens = new JsonObject();
        usedTokens.forEach((id, expires) -> tokens.put(id, expires.toString()));
        return new JsonObject().put("version", 1).put("nodes", list).put("drained", new JsonArray(List.copyOf(
                drained))).put("used_tokens", tokens);
    }

    private SavedFleet decode(JsonObject json) {
        Instant now = clock.instant();
        List<SavedNode> list = new ArrayList<>();
        for (Object item : json.getJsonArray("nodes", new JsonArray())) {
            JsonObject n = (JsonObject) item;
            try {
                Node node = new Node(n.getString("name"), URI.create(n.getString("url")), NodeType.valueOf(n
                        .getString("type")), n.getInteger("priority"), n.getInteger("max_concurrency"), Duration
                                .ofMillis(n.getLong("check_interval_ms")),
                        Duration.ofMillis(n.getLong(
                                "check_timeout_ms")),
                        n.getString("health_path"), null, n.getInteger(
                                "weight", 1),
                        n.getInteger("num_parallel", Node.DEFAULT_NUM_PARALLEL));
                list.add(new SavedNode(node, NodeOrigin.valueOf(n.getString("origin")), n.getString("token_id")));
            } catch (RuntimeException e) {
                LOG.warnf("fleet store: saved node %s is left out: %s", n.getString("name"), e.getMessage());
            }
        }
        Set<String> names = new LinkedHashSet<>();
        json.getJsonArray("drained", new JsonArray()).forEach(name -> names.add((String) name));
        Map<String, Instant> tokens = new HashMap<>();
        json.getJsonObject("used_tokens", new JsonObject()).forEach(e -> {
            Instant expires = Instant.parse((String) e.getValue());
            if (expires.isAfter(now)) {
                tokens.put(e.getKey(), expires);
            }
        });
        return new SavedFleet(list, names, tokens);
    }
}
