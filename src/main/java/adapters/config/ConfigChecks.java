package adapters.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The range checks config.yaml values share; each failure names the key and the value in one line. */
public final class ConfigChecks {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]+)");

    private ConfigChecks() {
    }

    /**
     * A value written as {@code ${VAR}} whose variable is not set arrives empty; say which variable is missing (the
     * raw value names only the variable, never a secret). {@code rawValues}: a key's value before expansion.
     */
    public static void unexpanded(String key, boolean present, UnaryOperator<String> rawValues) {
        String raw = rawValues.apply(key);
        if (!present && raw != null && raw.contains("${")) {
            Matcher variable = VARIABLE.matcher(raw);
            String name = variable.find() ? variable.group(1) : raw;
            throw new InvalidConfigException(key, raw, "environment variable " + name + " is not set");
        }
    }

    /** A secret kept in a file (e.g. a Kubernetes secret mount), trimmed; the error names the key and the file. */
    public static String secretFile(String key, String file) {
        Path path = Path.of(file.strip());
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new InvalidConfigException(key, path, "cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(key, value, "must be a positive duration");
        }
        return value;
    }

    public static int nonNegative(String key, int value) {
        if (value < 0) {
            throw new InvalidConfigException(key, value, "must not be negative");
        }
        return value;
    }

    public static int atLeastOne(String key, int value) {
        if (value < 1) {
            throw new InvalidConfigException(key, value, "must be at least 1");
        }
        return value;
    }

    public static int within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigException(key, value, "must be a whole number from " + min + " to " + max);
        }
        return value;
    }
}
