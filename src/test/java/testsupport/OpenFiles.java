package testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The files this process holds open, as Linux lists them (one taken out of its directory shows "(deleted)"). */
public final class OpenFiles {

    private OpenFiles() {
    }

    /** How many open files have {@code part} in their path: request-body files are named "drover-body-...". */
    public static long named(String part) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains(part);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
