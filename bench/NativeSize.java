import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * What each part of the application costs in a native executable's code: every function symbol's size (`nm -S`),
 * attributed by its class's simple name (GraalVM names a method {@code Class_method_hash}) to the jar of
 * {@code target/native-sources/lib} that holds a class of that name, or to the JDK, then grouped by feature.
 *
 *   java bench/NativeSize.java target/native-check/drover-0.1.0-SNAPSHOT-runner target/native-sources
 *
 * A simple name found in jars of more than one feature is counted as "ambiguous"; one found nowhere (reflection
 * accessors, lambdas, names the symbol table cut short, Substrate VM's own code) as "unattributed".
 */
public class NativeSize {

    /** Jar-name fragment to feature, first match wins. */
    private static final Map<String, String> FEATURES = new LinkedHashMap<>();

    static {
        String[][] rules = {{"hibernate", "Hibernate ORM"}, {"byte-buddy", "Hibernate ORM"}, {"antlr", "Hibernate ORM"},
                {"narayana", "transactions (Narayana, JTA)"}, {"jboss-transaction", "transactions (Narayana, JTA)"},
                {"agroal", "datasources (Agroal)"}, {"h2-", "H2"}, {"postgresql", "PostgreSQL driver"},
                {"flyway", "Flyway"}, {"kubernetes", "Kubernetes client"}, {"fabric8", "Kubernetes client"},
                {"opentelemetry", "tracing (OpenTelemetry, OTLP, gRPC)"}, {"grpc", "tracing (OpenTelemetry, OTLP, gRPC)"},
                {"protobuf", "tracing (OpenTelemetry, OTLP, gRPC)"}, {"micrometer", "metrics (Micrometer)"},
                {"prometheus", "metrics (Micrometer)"}, {"jackson", "Jackson"}, {"netty", "Netty"}, {"vertx", "Vert.x"},
                {"picocli", "picocli"}, {"snakeyaml", "YAML"}, {"drover", "Drover"}, {"quarkus", "Quarkus, SmallRye"},
                {"smallrye", "Quarkus, SmallRye"}, {"mutiny", "Quarkus, SmallRye"}, {"jandex", "Quarkus, SmallRye"},
                {"jboss", "Quarkus, SmallRye"}, {"arc-", "Quarkus, SmallRye"}};
        for (String[] rule : rules) {
            FEATURES.put(rule[0], rule[1]);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java bench/NativeSize.java <native executable> <target/native-sources>");
            System.exit(2);
        }
        Map<String, Set<String>> owners = new HashMap<>();
        Path sources = Path.of(args[1]);
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(sources.resolve("lib"))) {
            lib.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        try (Stream<Path> top = Files.list(sources)) {
            top.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        for (Path jar : jars) {
            String feature = feature(jar.getFileName().toString());
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                        .forEach(n -> owners.computeIfAbsent(simple(n), k -> new TreeSet<>()).add(feature));
            }
        }
        try (Stream<Path> jdk = Files.walk(FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules"))) {
            jdk.map(Path::toString).filter(n -> n.endsWith(".class"))
                    .forEach(n -> owners.computeIfAbsent(simple(n), k -> new TreeSet<>()).add("JDK"));
        }
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        Process nm = new ProcessBuilder("nm", "-S", args[0]).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(nm.getInputStream()))) {
            for (String line; (line = out.readLine()) != null;) {
                String[] f = line.trim().split("\\s+");
                if (f.length != 4 || !(f[2].equals("t") || f[2].equals("T"))) {
                    continue;
                }
                long size = Long.parseLong(f[1], 16);
                total += size;
                Set<String> in = owners.get(f[3].split("_", 2)[0]);
                String group = in == null ? "unattributed" : in.size() == 1 ? in.iterator().next()
                        : in.contains("Drover") ? "Drover" : "ambiguous";
                bytes.merge(group, size, Long::sum);
            }
        }
        if (nm.waitFor() != 0 || total == 0) {
            System.err.println("nm found no function symbols in " + args[0] + " (stripped?)");
            System.exit(1);
        }
        System.out.printf("| feature | code MB | share |%n|---|---|---|%n");
        long all = total;
        bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("| %s | %.1f | %.0f%% |%n", e.getKey(), e.getValue() / 1e6,
                        100.0 * e.getValue() / all));
        System.out.printf("| all code | %.1f | |%n", total / 1e6);
    }

    private static String simple(String classFile) {
        String name = classFile.substring(classFile.lastIndexOf('/') + 1, classFile.length() - ".class".length());
        return name;
    }

    private static String feature(String jar) {
        return FEATURES.entrySet().stream().filter(e -> jar.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other libraries");
    }
}
