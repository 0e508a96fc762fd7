package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import testsupport.Builds;

/** {@code ./drover}, the launcher: the JVM settings it ships, given to the JDKs that take them and to no other. */
class LauncherPackagedIT {

    private static final String TRIM = "-XX:TrimNativeHeapInterval=2000";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"17.0.8, false", "17.0.9, true", "17.0.15, true", "19.0.2, false", "21, false", "21.0.1, true",
            "22, true", "25.0.3, true"})
    void shouldTrimTheNativeHeapOnlyOnJdksThatHaveTheOption(String version, boolean trims) throws Exception {
        // Given: a JDK of that version whose java prints what it was given
        Path jdk = fakeJdk("JAVA_VERSION=\"" + version + "\"\n");

        // When
        String command = launch(jdk.resolve("bin/java"), "--version");

        // Then
        assertThat(command).contains("-jar").contains("--version");
        if (trims) {
            assertThat(command).contains(TRIM);
        } else {
            assertThat(command).doesNotContain("TrimNativeHeapInterval");
        }
    }

    @Test
    void shouldLeaveTheOptionOutForAJavaWithoutAReleaseFile() throws Exception {
        assertThat(launch(fakeJdk(null).resolve("bin/java"), "--version")).contains("-jar")
                .doesNotContain("TrimNativeHeapInterval");
    }

    @Test
    void shouldStartOnTheJdkThatRunsTheTestsWithEverySettingItShips() throws Exception {
        // When: the real JDK, asked to print the flags it took
        String out = launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                Map.of("DROVER_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");

        // Then: it started (a JDK that refused an option would exit before the version line), with a young generation
        // of 16 MB from the start rather than the JDK's share of the first heap (8 MB, which JDK 25 kept under load)
        assertThat(out).contains("drover ").containsPattern("size_t NewSize\\s+= 16777216\\s");
        Runtime.Version jdk = Runtime.version();
        if (jdk.feature() >= 22 || jdk.feature() == 21 && jdk.update() >= 1
                || jdk.feature() == 17 && jdk.update() >= 9) {
            assertThat(out).containsPattern("TrimNativeHeapInterval\\s+= 2000");
        }
    }

    @Test
    void shouldGiveTheContainerImagesJdkTheSameYoungGenerationWithoutAWarning() throws Exception {
        // Given: a JDK 25 as in Dockerfile.jvm, where this machine has one
        Path java = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        assumeTrue(Files.isExecutable(java), "no Temurin 25 at " + java + " here; the container image's JDK is unchecked");

        // When
        String out = launch(java, Map.of("DROVER_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");

        // Then: 16 MB young from the start (JDK 25 had kept 8 MB and grown its old generation to 395 MB under load)
        assertThat(out).contains("drover ").containsPattern("size_t NewSize\\s+= 16777216\\s")
                .containsPattern("SurvivorRatio\\s+= 6\\s").doesNotContainPattern("\\[warning\\]|VM warning");
    }

    @Test
    void shouldStartWithoutAWarningWhenTheOperatorNamesAnotherCollector() throws Exception {
        // When: the real JDK with G1 named instead of the serial collector
        String out = launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                Map.of("DROVER_JAVA_OPTS", "-XX:+UseG1GC"), "--version");

        // Then: none of the serial collector's sizing reached it, so the JVM had nothing to warn about
        assertThat(out).contains("drover ").doesNotContainIgnoringCase("warning");
    }

    @Test
    void shouldLetLaunchersStartedAtOnceInOneFolderAllStartWhenALastRunLeftItsClassArchive() throws Exception {
        // Given: the class archive a stopped gateway wrote (its process gone), for a JDK build of this test's own
        Path jdk = fakeJdk("JAVA_VERSION=\"17.0.15\"\nJAVA_RUNTIME_VERSION=\"17.0.15-race"
                + ProcessHandle.current().pid() + "\"\n");
        String cache = "drover-17.0.15-race" + ProcessHandle.current().pid() + ".jsa";
        Path app = Path.of("target", "quarkus-app");
        writeArchive(app.resolve(cache + ".new." + goneProcess() + "." + stamp(Instant.now())));
        try {
            // When: eight launchers start at the same moment
            List<Process> launchers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                launchers.add(serveWithArchive(jdk));
            }

            // Then: every one started its JVM (none stopped on a file another had taken), and the archive is in place
            for (Process launcher : launchers) {
                String out = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
                assertThat(launcher.exitValue()).as(out).isZero();
                assertThat(out).contains("-jar").contains("serve");
            }
            try (Stream<Path> files = Files.list(app)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(cache)))
                        .containsExactly(cache);
            }
        } finally {
            deleteArchives(app, cache);
        }
    }

    @Test
    void shouldNotUseTheClassArchiveOfARunThatOutlivedARebuild() throws Exception {
        // Given: a gateway started before the jar was last built and stopped after, which wrote its archive then
        Path jdk = fakeJdk("JAVA_VERSION=\"17.0.15\"\nJAVA_RUNTIME_VERSION=\"17.0.15-stale"
                + ProcessHandle.current().pid() + "\"\n");
        String cache = "drover-17.0.15-stale" + ProcessHandle.current().pid() + ".jsa";
        Path app = Path.of("target", "quarkus-app");
        Instant built;
        try (Stream<Path> jars = Files.walk(app)) {
            built = jars.filter(f -> f.toString().endsWith(".jar")).map(LauncherPackagedIT::modified)
                    .max(Instant::compareTo).orElseThrow();
        }
        Path written = app.resolve(cache + ".new." + goneProcess() + "." + stamp(built.minusSeconds(10)));
        writeArchive(written);
        try {
            // When
            Process launcher = serveWithArchive(jdk);
            String out = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher exits").isTrue();

            // Then: the JVM is not given that archive (it would refuse it at every start); this run writes a new one
            assertThat(out).doesNotContain("SharedArchiveFile").contains("-XX:ArchiveClassesAtExit=");
            assertThat(app.resolve(cache)).doesNotExist();
            assertThat(written).doesNotExist();
        } finally {
            deleteArchives(app, cache);
        }
    }

    /** {@code ./drover serve} with {@code jdk}'s java and the launcher's class archive on, as a user runs it. */
    private static Process serveWithArchive(Path jdk) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./drover", "serve").redirectErrorStream(true);
        builder.environment().remove("DROVER_JAVA_OPTS");
        builder.environment().remove("DROVER_CDS");
        builder.environment().put("DROVER_JAVA", jdk.resolve("bin/java").toString());
        builder.environment().put("DROVER_BUILD", Builds.full() ? "full" : "standard");
        return builder.start();
    }

    /** The id of a process that has ended, as a stopped gateway's is. */
    private static long goneProcess() throws IOException, InterruptedException {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    private static void deleteArchives(Path app, String cache) throws IOException {
        try (Stream<Path> files = Files.list(app)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(cache)).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** A file as large as a gateway's class archive (sparse: it takes no disk). */
    private static void writeArchive(Path file) throws IOException {
        try (RandomAccessFile written = new RandomAccessFile(file.toFile(), "rw")) {
            written.setLength(20_000_001);
        }
    }

    /** The launcher's spelling of when a run started: seconds and nanoseconds since the epoch. */
    private static String stamp(Instant at) {
        return at.getEpochSecond() + "." + String.format("%09d", at.getNano());
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path fakeJdk(String release) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk"));
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (release != null) {
            Files.writeString(jdk.resolve("release"), release);
        }
        return jdk;
    }

    private String launch(Path java, String arg) throws Exception {
        return launch(java, Map.of(), arg);
    }

    /** Runs {@code ./drover arg} with {@code java} as its JDK and {@code env} added; what it printed. */
    private String launch(Path java, Map<String, String> env, String arg) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("./drover", arg).redirectErrorStream(true);
        builder.environment().remove("DROVER_JAVA_OPTS");
        builder.environment().put("DROVER_JAVA", java.toString());
        builder.environment().put("DROVER_CDS", "0");
        // the build under test: the launcher would otherwise build the other one over it
        builder.environment().put("DROVER_BUILD", Builds.full() ? "full" : "standard");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
        assertThat(process.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
