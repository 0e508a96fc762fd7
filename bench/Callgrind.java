import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a callgrind profile of a native executable (valgrind's instruction counts, the same for the same binary and
 * requests whatever else the machine does) and prints the instructions per request: in all, by function (exclusive),
 * and through Drover's own functions (inclusive: theirs and what they call). GraalVM names a function
 * {@code SimpleClass_method_hash}; a function is Drover's when its simple class name is one of {@code target/classes}.
 *
 *   java bench/Callgrind.java <callgrind.out> <requests> [target/classes] [rows]
 */
public class Callgrind {

    private static final Pattern NAMED = Pattern.compile("\\((\\d+)\\)(?: (.*))?");

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java bench/Callgrind.java <callgrind.out> <requests> [target/classes] [rows]");
            System.exit(2);
        }
        long requests = Long.parseLong(args[1]);
        Path classes = Path.of(args.length > 2 ? args[2] : "target/classes");
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        Map<String, String> names = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> called = new HashMap<>();
        String function = null;
        String callee = null;
        boolean call = false;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String line; (line = in.readLine()) != null;) {
                if (line.startsWith("fn=")) {
                    function = name(line.substring(3), names);
                } else if (line.startsWith("cfn=")) {
                    callee = name(line.substring(4), names);
                } else if (line.startsWith("calls=")) {
                    call = true;
                } else if (!line.isEmpty() && (Character.isDigit(line.charAt(0)) || "+-*".indexOf(line.charAt(0)) >= 0)
                        && function != null) {
                    String[] cost = line.trim().split("\\s+");
                    if (cost.length < 2) {
                        continue;
                    }
                    long count = Long.parseLong(cost[1]);
                    if (call) {
                        call = false;
                        if (!function.equals(callee)) {
                            called.merge(function, count, Long::sum);
                        }
                    } else {
                        self.merge(function, count, Long::sum);
                    }
                }
            }
        }
        long total = self.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("instructions per request: %,d (%,d over %,d requests, every thread)%n%n", total / requests,
                total, requests);
        System.out.println("| function (exclusive) | per request | share |");
        System.out.println("|---|---|---|");
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("| %s | %,d | %.1f%% |%n", shorten(e.getKey()), e.getValue() / requests,
                        100.0 * e.getValue() / total));
        Set<String> drover = droverClasses(classes);
        if (drover.isEmpty()) {
            return;
        }
        long own = self.entrySet().stream().filter(e -> isDrover(e.getKey(), drover)).mapToLong(Map.Entry::getValue)
                .sum();
        System.out.printf("%nin Drover's own functions (exclusive): %,d per request (%.1f%%)%n%n", own / requests,
                100.0 * own / total);
        System.out.println("| Drover's function (inclusive) | per request | share |");
        System.out.println("|---|---|---|");
        List<Map.Entry<String, Long>> inclusive = new ArrayList<>();
        Set<String> all = new HashSet<>(self.keySet());
        all.addAll(called.keySet());
        for (String f : all) {
            if (isDrover(f, drover)) {
                inclusive.add(Map.entry(f, self.getOrDefault(f, 0L) + called.getOrDefault(f, 0L)));
            }
        }
        inclusive.stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("| %s | %,d | %.1f%% |%n", shorten(e.getKey()), e.getValue() / requests,
                        100.0 * e.getValue() / total));
    }

    private static boolean isDrover(String function, Set<String> drover) {
        int cut = function.indexOf('_');
        return cut > 0 && drover.contains(function.substring(0, cut));
    }

    /** callgrind writes a name once, as {@code (id) name}, and then only {@code (id)}. */
    private static String name(String token, Map<String, String> names) {
        Matcher m = NAMED.matcher(token);
        if (!m.matches()) {
            return token;
        }
        if (m.group(2) != null) {
            names.put(m.group(1), m.group(2));
        }
        return names.getOrDefault(m.group(1), token);
    }

    /** {@code Class_method_hash} without the hash. */
    private static String shorten(String function) {
        return function.replaceFirst("_[0-9A-Za-z]{20,}('\\d+)?$", "");
    }

    /** Simple names of the classes under {@code classes} (nested ones as GraalVM writes them: Outer$Inner). */
    private static Set<String> droverClasses(Path classes) throws IOException {
        Set<String> simple = new HashSet<>();
        if (!Files.isDirectory(classes)) {
            return simple;
        }
        try (Stream<Path> files = Files.walk(classes)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .forEach(n -> simple.add(n.substring(0, n.length() - ".class".length())));
        }
        return simple;
    }
}
