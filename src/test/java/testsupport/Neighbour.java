package testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client chatting normally with the gateway the whole time a test attacks it, so the test can show that other
 * clients noticed nothing: {@link #statuses()} holds every answer's status (-1 for a failed exchange).
 */
public final class Neighbour implements AutoCloseable {

    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final Thread chatting;
    private volatile boolean running = true;

    private Neighbour(String root) {
        HttpRequest chat = HttpRequest.newBuilder(URI.create(root + "api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\",\"messages\":[]}")).build();
        chatting = new Thread(() -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            while (running) {
                try {
                    statuses.add(client.send(chat, HttpResponse.BodyHandlers.ofString()).statusCode());
                } catch (IOException | InterruptedException e) {
                    statuses.add(-1);
                }
            }
        }, "neighbour");
        chatting.start();
        // Chatting once before the test acts: a test quicker than the first exchange (a new client, a new connection
        // on a loaded machine) would otherwise end with no answer to judge.
        long until = System.nanoTime() + 10_000_000_000L;
        while (statuses.isEmpty() && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts chatting with the gateway at {@code root} (ending in {@code /}); returns once the first answer is in. */
    public static Neighbour chattingWith(Object root) {
        return new Neighbour(root.toString());
    }

    /** The statuses of the answers so far; call after {@link #close()} for all of them. */
    public List<Integer> statuses() {
        return statuses;
    }

    /** Stops chatting and waits for the last exchange. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        chatting.join(10_000);
    }
}
