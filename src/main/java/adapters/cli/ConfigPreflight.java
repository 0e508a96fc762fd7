package adapters.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

import adapters.config.BuildContents;
import adapters.config.DatabaseConfig;
import adapters.config.DiscoveryConfig;
import adapters.config.InvalidConfigException;
import adapters.config.LogConfig;
import adapters.config.ModelRouteChecks;
import adapters.config.ModelsConfig;
import adapters.config.ProxyConfig;
import adapters.config.SecurityConfig;
import adapters.config.ServerConfig;
import adapters.config.TracingConfig;
import adapters.discovery.DiscoveryChecks;
import adapters.engine.EngineChecks;
import adapters.http.SecurityChecks;
import adapters.http.ServerChecks;
import adapters.tracing.TracingChecks;

/**
 * Reads config.yaml the way the gateway will, before the framework starts, so that a mistake costs a second and one
 * line instead of a boot: the YAML itself (a block written twice is an error, not a silently dropped block), then every
 * key bound to the same {@code @ConfigMapping} interfaces, with the environment and system properties over the file,
 * then the same rules the gateway's producers apply (nodes, proxy limits, keys, the database's folder).
 * What it finds wrong is an {@link InvalidConfigException} or a SmallRye config error, which {@link StartupFailure}
 * turns into one line naming the key.
 */
public final class ConfigPreflight {

    /** Drover's own blocks of config.yaml; the rest belongs to the framework. */
    static final List<String> BLOCKS = List.of("server", "proxy", "discovery", "security", "database", "log",
            "tracing", "models");

    /** SmallRye's words for a key under a mapping's prefix that maps to nothing. */
    private static final Pattern UNKNOWN = Pattern.compile("(\\S+) in \\S+.* does not map to any root");
    /** An entry of models.required or models.preload written as a bare name. */
    private static final Pattern WANTED_NAME = Pattern.compile("models\\.(required|preload)\\[\\d+]");

    private ConfigPreflight() {
    }

    /** What config.yaml wrote when this process loaded it for the gateway ({@link Reread#written}); null before. */
    private static volatile Map<String, String> started;

    /** The configuration of {@code file} (null: none) as the gateway will see it. */
    static SmallRyeConfig load(Path file) {
        Reread loaded = reread(file);
        databaseFree(loaded.config().getConfigMapping(DatabaseConfig.class));
        started = loaded.written();
        return loaded.config();
    }

    /** The values config.yaml wrote when the gateway was started from it, or null (not started by the launcher). */
    public static Map<String, String> started() {
        return started;
    }

    /**
     * A configuration read again and checked as at startup (less the database folder's lock, which the running
     * gateway holds), and the values config.yaml itself writes under Drover's blocks ({@link #BLOCKS}), unexpanded.
     * Throws what {@link #load} throws; {@link StartupFailure#describe} words it.
     */
    public record Reread(SmallRyeConfig config, Map<String, String> written) {
    }

    /** See {@link Reread}. */
    public static Reread reread(Path file) {
        YamlConfigSource source = null;
        if (file != null) {
            String yaml = read(file);
            strict(file, yaml);
            source = new YamlConfigSource(file.toUri().toString(), yaml, 255);
        }
        SmallRyeConfig config = build(source);
        UnaryOperator<String> raw = key -> config.getConfigValue(key).getRawValue();
        DiscoveryConfig discovery = config.getConfigMapping(DiscoveryConfig.class);
        ModelRouteChecks.check(config.getConfigMapping(ModelsConfig.class), DiscoveryChecks.check(discovery, raw),
                discovery.kubernetes().enabled());
        ModelRouteChecks.plan(config.getConfigMapping(ModelsConfig.class), DiscoveryChecks.check(discovery, raw),
                discovery.kubernetes().enabled());
        BuildContents.check(config, config.getConfigMapping(DatabaseConfig.class), discovery);
        EngineChecks.check(config.getConfigMapping(ProxyConfig.class));
        SecurityChecks.check(config.getConfigMapping(SecurityConfig.class), raw);
        TracingChecks.check(config.getConfigMapping(TracingConfig.class));
        ServerChecks.check(config.getConfigMapping(ServerConfig.class));
        Map<String, String> written = new TreeMap<>();
        if (source != null) {
            source.getProperties().forEach((key, value) -> {
                if (BLOCKS.contains(key.split("[.\\[]", 2)[0])) {
                    written.put(key, value);
                }
            });
        }
        return new Reread(config, written);
    }

    private static SmallRyeConfig build(YamlConfigSource source) {
        if (source != null) {
            for (String key : source.getPropertyNames()) {
                if (WANTED_NAME.matcher(key).matches()) {
                    throw new InvalidConfigException(key, source.getValue(key), "each entry is an object:"
                            + " '- model: llama3.2' or '- {model: llama3.2, labels: {gpu: a100}}'");
                }
            }
        }
        try {
            return builder(source, true).build();
        } catch (ConfigValidationException e) {
            unknownKeys(e, source);
            return builder(source, false).build();
        }
    }

    private static SmallRyeConfigBuilder builder(YamlConfigSource source, boolean validateUnknown) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Boolean.class, 200, ConfigPreflight::strictBoolean)
                .withMapping(ServerConfig.class).withMapping(ProxyConfig.class).withMapping(DiscoveryConfig.class)
                .withMapping(SecurityConfig.class).withMapping(DatabaseConfig.class).withMapping(LogConfig.class)
                .withMapping(TracingConfig.class).withMapping(ModelsConfig.class)
                // above application.properties, which turns the check off for the gateway itself
                .withSources(new PropertiesConfigSource(Map.of(SmallRyeConfig.SMALLRYE_CONFIG_MAPPING_VALIDATE_UNKNOWN,
                        Boolean.toString(validateUnknown)), "preflight", Integer.MAX_VALUE));
        return source == null ? builder : builder.withSources(source);
    }

    /**
     * A key of Drover's blocks that no setting has (a typo such as {@code server.prot}) stops startup with one line
     * naming it; the gateway itself does not look for such keys (application.properties), so that an empty list
     * ({@code endpoints: []}, which YAML turns into a key with no value) means what it says: none. Returns when every
     * problem is such an empty value; rethrows anything else.
     */
    private static void unknownKeys(ConfigValidationException e, YamlConfigSource source) {
        for (int i = 0; i < e.getProblemCount(); i++) {
            Matcher unknown = UNKNOWN.matcher(e.getProblem(i).getMessage());
            if (!unknown.find()) {
                throw e;
            }
            String key = unknown.group(1);
            String value = source == null ? null : source.getValue(key);
            if (value != null && key.startsWith("models.")) {
                throw new InvalidConfigException(key, value, "models is a list of routes such as"
                        + " '- {name: chat, model: llama3.2}', or a block of routes, required, preload and sync"
                        + " (docs/configuration.md)");
            }
            if (value != null && !value.isBlank()) {
                throw new InvalidConfigException(key, value, "is not a Drover setting (a typo? every key is in"
                        + " docs/configuration.md)");
            }
        }
    }

    /**
     * The embedded database is one file that one process at a time may hold. A second gateway pointed at it would
     * start, then fail every write; it is stopped here instead, with the key to change.
     */
    static void databaseFree(DatabaseConfig database) {
        if (database.postgresql()) {
            return;
        }
        String path = database.path();
        if (!(Path.of(path).isAbsolute() || path.startsWith("./") || path.startsWith("../") || path.equals("."))) {
            // H2 refuses a path that is only implicitly relative, and would say so only at the first write.
            throw new InvalidConfigException("database.path", path, "write it as ./" + path + " or as an absolute"
                    + " path");
        }
        for (String name : new String[]{"drover.mv.db", "fleet.lock"}) {
            Path file = Path.of(database.path(), name);
            if (Files.isRegularFile(file) && !free(file)) {
                throw new InvalidConfigException("database.path", database.path(), "its " + (name.endsWith(".db")
                        ? "database file"
                        : "fleet state") + " (" + file.toAbsolutePath() + ") is locked by another running Drover;"
                        + " give each instance its own database.path");
            }
        }
    }

    private static boolean free(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return true;
            }
        } catch (OverlappingFileLockException | IOException e) {
            // held in this process, or not ours to open: not free
        }
        return false;
    }

    /**
     * A switch written as anything but true or false (or YAML's yes/no, on/off) stops startup: the framework's own
     * converter reads {@code enabled: maybe} or a typo such as {@code ture} as false with a warning and goes on.
     */
    private static Boolean strictBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** How long Quarkus may wait for requests on shutdown: the drain, plus time for their last words. */
    static Duration shutdownTimeout(SmallRyeConfig config) {
        return config.getConfigMapping(ServerConfig.class).drainTimeout().plusSeconds(5);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException("--config", file, "cannot be read: " + e.getMessage());
        }
    }

    /** YAML that parses, with no key written twice in one block (which would silently drop the first). */
    private static void strict(Path file, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            new Yaml(new SafeConstructor(options)).loadAll(yaml).forEach(document -> {
            });
        } catch (DuplicateKeyException e) {
            String key = e.getProblem().replaceFirst("^found duplicate key ", "");
            throw new InvalidConfigException(key, "written twice", "each key may appear once in its block ("
                    + file.getFileName() + " line " + (e.getProblemMark().getLine() + 1) + "); merge the two");
        } catch (MarkedYAMLException e) {
            throw new InvalidConfigException(file.getFileName().toString(), "line " + (e.getProblemMark().getLine()
                    + 1), "not valid YAML: " + e.getProblem());
        }
    }
}
