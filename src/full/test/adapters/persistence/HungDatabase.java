package adapters.persistence;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway's database is a socket that accepts connections and never says a word: the worst kind of slow
 * database. Logins give up after two seconds.
 */
public class HungDatabase implements QuarkusTestProfile {

    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();
    private static ServerSocket server;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("database.postgresql", "true",
                "database.url", "jdbc:postgresql://127.0.0.1:" + port() + "/none?loginTimeout=2&connectTimeout=2",
                "database.username", "nobody", "database.request_log.enabled", "true");
    }

    private static synchronized int port() {
        if (server == null) {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        HELD.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "hung-database");
            accept.setDaemon(true);
            accept.start();
        }
        return server.getLocalPort();
    }
}
