package adapters.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The code is the one source of every config key and its default: {@code docs/configuration.md} must list each key
 * the {@code @ConfigMapping} interfaces declare, with the same default, and no key they do not; every
 * {@code ${key:default}} by which application.properties hands a key to Quarkus must fall back to the same default;
 * and the annotated config.yaml must show the defaults it writes out.
 */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("docs/configuration.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Pattern TICKED = Pattern.compile("`([^`]*)`");

    /** Every key of the code, with its default (null for none), in declaration order. */
    private static Map<String, String> codeKeys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/adapters/config"))) {
            for (Path file : files.sorted().toList()) {
                if (Files.readString(file).contains("@ConfigMapping(")) {
                    Class<?> mapping = load(file);
                    walk(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
                }
            }
        }
        return keys;
    }

    private static Class<?> load(Path file) {
        String name = file.getFileName().toString().replace(".java", "");
        try {
            return Class.forName("adapters.config." + name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Every key of {@code group}, its inherited ones too (an endpoint is a node template plus its address). */
    private static void walk(String prefix, Class<?> group, Map<String, String> keys) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || method.isSynthetic() || java.lang.reflect.Modifier.isStatic(method
                    .getModifiers())) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String key = method.isAnnotationPresent(io.smallrye.config.WithParentName.class)
                    ? prefix
                    : prefix + "." + (named != null ? named.value() : snake(method.getName()));
            Type type = unwrap(method.getGenericReturnType(), Optional.class);
            Type element = unwrap(type, List.class);
            if (element != type && isGroup(element)) {
                keys.put(key + "[]", null);
                walk(key + "[]", (Class<?>) element, keys);
            } else if (isGroup(type)) {
                walk(key, (Class<?>) type, keys);
            } else {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                keys.put(key, fallback == null ? null : fallback.value());
            }
        }
    }

    private static Type unwrap(Type type, Class<?> wrapper) {
        return type instanceof ParameterizedType p && p.getRawType() == wrapper ? p.getActualTypeArguments()[0] : type;
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && c.getName().startsWith("adapters.config.");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A row of the reference table: its keys, their defaults, and what it says of them. */
    private record Row(String key, String fallback, String meaning) {
    }

    private static List<Row> documented() throws IOException {
        List<Row> rows = new ArrayList<>();
        String last = null;
        String list = null;
        for (String line : Files.readAllLines(DOC)) {
            String[] cells = line.split("(?<!\\\\)\\|");
            if (!line.startsWith("| `") || cells.length < 4) {
                continue;
            }
            List<String> names = ticked(cells[1]);
            List<String> defaults = ticked(cells[2]);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String key;
                if (name.startsWith(" ")) {
                    key = list + name.strip();
                } else if (name.startsWith(".")) {
                    key = last.substring(0, last.lastIndexOf('.')) + name;
                } else {
                    key = name;
                }
                if (!name.startsWith(" ")) {
                    last = key;
                }
                if (key.endsWith("[]")) {
                    list = key;
                }
                String fallback = defaults.isEmpty() ? null : defaults.get(Math.min(i, defaults.size() - 1));
                rows.add(new Row(key, fallback, cells[3]));
            }
        }
        return rows;
    }

    private static List<String> ticked(String cell) {
        List<String> found = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void shouldDocumentEveryKeyWithTheDefaultTheCodeHas() throws IOException {
        Map<String, String> code = codeKeys();
        Map<String, Row> rows = new LinkedHashMap<>();
        documented().forEach(row -> rows.put(row.key(), row));
        List<String> problems = new ArrayList<>();
        code.forEach((key, fallback) -> {
            Row row = rows.get(key);
            if (row == null) {
                if (!describedByParent(key, rows)) {
                    problems.add(key + ": not in " + DOC);
                }
            } else if (fallback != null && !fallback.equals(row.fallback())) {
                problems.add(key + ": the code's default is " + fallback + ", " + DOC + " says " + row.fallback());
            }
        });
        rows.keySet().stream().filter(key -> !code.containsKey(key) && code.keySet().stream().noneMatch(
                known -> known.startsWith(key + ".")))
                .forEach(key -> problems.add(key + ": in " + DOC + " but no such key in the code"));
        assertThat(problems).as("config keys against " + DOC).isEmpty();
    }

    /** A key of a group written inline (e.g. {@code rate_limit: {requests, per, burst}}) is named by its parent row. */
    private static boolean describedByParent(String key, Map<String, Row> rows) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        for (String parent = key; parent.contains(".");) {
            parent = parent.substring(0, parent.lastIndexOf('.'));
            Row row = rows.get(parent);
            if (row != null) {
                return Pattern.compile("\\b" + leaf + "\\b").matcher(String.join(" ", ticked(row.meaning())))
                        .find();
            }
        }
        return false;
    }

    @Test
    void shouldHandKeysToQuarkusWithTheSameDefaults() throws IOException {
        Map<String, String> code = codeKeys();
        Matcher reference = Pattern.compile("\\$\\{([a-z_.]+):([^}]*)}").matcher(Files.readString(PROPERTIES));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        while (reference.find()) {
            String key = reference.group(1);
            String fallback = code.get(key);
            if (fallback != null) {
                checked++;
                if (!fallback.equals(reference.group(2))) {
                    problems.add(key + ": application.properties falls back to '" + reference.group(2)
                            + "', the code's default is " + fallback);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("keys handed to Quarkus with a default").isGreaterThan(10);
    }

    @Test
    void shouldShowTheDefaultsInTheAnnotatedConfigYaml() throws IOException {
        Map<String, String> code = codeKeys();
        Map<String, Object> shown = new LinkedHashMap<>();
        flatten("", new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("config.yaml"))), shown);
        List<String> problems = new ArrayList<>();
        shown.forEach((key, value) -> {
            if (code.get(key) != null && !code.get(key).equals(String.valueOf(value))) {
                problems.add(key + ": config.yaml shows " + value + ", the code's default is " + code.get(key));
            }
        });
        assertThat(problems).isEmpty();
        assertThat(shown.keySet()).as("keys config.yaml shows").hasSizeGreaterThan(30);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, into));
        } else {
            into.put(prefix, value);
        }
    }
}
