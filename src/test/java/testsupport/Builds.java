package testsupport;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Which build the tests run against. The test class path and the jar the packaged tests start are the same build: the
 * standard one ({@code ./mvnw verify}) or the full one ({@code ./mvnw verify -Dfull}, which also compiles src/full).
 * For {@code @EnabledIf("testsupport.Builds#full")} and the like.
 */
public final class Builds {

    private Builds() {
    }

    /** The full build: the database stack and the Kubernetes API client are in. */
    public static boolean full() {
        try {
            Class.forName("adapters.persistence.JpaStores", false, Builds.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The standard build. */
    public static boolean standard() {
        return !full();
    }

    /** The full build, and a PostgreSQL at 127.0.0.1:5432 (the machine's, trust auth); says so when there is none. */
    public static boolean postgresql() {
        if (!full()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            System.out.println("SKIPPED: no PostgreSQL at 127.0.0.1:5432; the PostgreSQL tests need one");
            return false;
        }
    }
}
