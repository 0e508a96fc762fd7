import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/BodyFlood.java: hostile request bodies against a running gateway. For each route and each credential given,
 * PARALLEL raw connections each send a chunked body of SIZE_MB (1 MB chunks) as fast as the gateway takes it, reading
 * the answer at the same time and going on sending after it (a hostile client does not stop), until the gateway
 * closes. Meanwhile the gateway's RSS (/proc/PID/status) is sampled every 50 ms and GET /q/health/live is timed every
 * 200 ms. Prints one line per route and credential (statuses, MB the gateway took), then the baseline and peak RSS and
 * the slowest liveness answer.
 *
 * Before the flood, WARM_S seconds of small chats (model llama3.2, header WARM_HEADER) exercise the gateway as normal
 * traffic does, so that the RSS the flood is compared with is that of a gateway in use, not of one that has never
 * touched its heap; the idle RSS is printed as well.
 *
 * java bench/BodyFlood.java PORT PID SIZE_MB PARALLEL creds="label|header;label|header" "METHOD PATH[|header]" ...
 * (each creds= applies to the routes after it)
 */
public class BodyFlood {

    static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        long size = Long.parseLong(args[2]) << 20;
        int parallel = Integer.parseInt(args[3]);
        List<String[]> runs = new ArrayList<>();
        String[] credentials = {"none|"};
        for (int i = 4; i < args.length; i++) {
            if (args[i].startsWith("creds=")) {
                credentials = args[i].substring(6).split(";");
            } else {
                for (String credential : credentials) {
                    runs.add(new String[]{args[i], credential});
                }
            }
        }
        long idle = rss(pid);
        warm(port, Integer.parseInt(System.getenv().getOrDefault("WARM_S", "10")),
                System.getenv().getOrDefault("WARM_HEADER", ""));
        long baseline = rss(pid);
        AtomicLong peak = new AtomicLong(baseline);
        AtomicLong slowestLive = new AtomicLong();
        AtomicLong liveFailures = new AtomicLong();
        Thread rssWatch = start(() -> {
            while (running) {
                peak.accumulateAndGet(rss(pid), Math::max);
                sleep(50);
            }
        });
        Thread liveWatch = start(() -> {
            while (running) {
                long start = System.nanoTime();
                int status = exchange(port, "GET /q/health/live HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n");
                long ms = (System.nanoTime() - start) / 1_000_000;
                slowestLive.accumulateAndGet(ms, Math::max);
                if (status != 200) {
                    liveFailures.incrementAndGet();
                }
                sleep(200);
            }
        });
        for (String[] run : runs) {
            {
                String[] c = run[1].split("\\|", 2);
                String[] r = run[0].split("\\|", 2);
                String headers = (c.length > 1 && !c[1].isEmpty() ? c[1] + "\r\n" : "")
                        + (r.length > 1 ? r[1] + "\r\n" : "");
                Map<Integer, Integer> statuses = new TreeMap<>();
                AtomicLong taken = new AtomicLong();
                List<Thread> senders = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    senders.add(start(() -> {
                        int status = flood(port, r[0], headers, size, taken);
                        synchronized (statuses) {
                            statuses.merge(status, 1, Integer::sum);
                        }
                    }));
                }
                for (Thread t : senders) {
                    t.join();
                }
                System.out.printf("| %s | %s | %s | %d |%n", r[0], c[0], statuses, taken.get() >> 20);
            }
        }
        running = false;
        rssWatch.join();
        liveWatch.join();
        System.out.printf("rss_idle_mb=%d rss_warm_mb=%d rss_peak_mb=%d rss_growth_mb=%d live_slowest_ms=%d"
                + " live_failures=%d%n", idle >> 10, baseline >> 10, peak.get() >> 10, (peak.get() - baseline) >> 10, slowestLive.get(),
                liveFailures.get());
    }

    /** Small non-streamed chats on 8 keep-alive connections for {@code seconds}. */
    static void warm(int port, int seconds, String header) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(start(() -> {
                java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/chat")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\","
                                        + "\"content\":\"hi\"}]}"));
                if (!header.isEmpty()) {
                    String[] h = header.split(": ", 2);
                    builder.header(h[0], h[1]);
                }
                var request = builder.build();
                while (System.nanoTime() < end) {
                    try {
                        client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
    }

    /** Sends one chunked body of {@code size}; returns the status the gateway answered (-1: none). */
    static int flood(int port, String route, String headers, long size, AtomicLong taken) {
        String[] methodPath = route.split(" ", 2);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            int[] status = {-1};
            Thread reader = start(() -> {
                try {
                    status[0] = statusOf(socket.getInputStream());
                } catch (IOException e) {
                    // no answer
                }
            });
            OutputStream out = socket.getOutputStream();
            out.write((methodPath[0] + " " + methodPath[1] + " HTTP/1.1\r\nHost: bench\r\n" + headers
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (long sent = 0; sent < size; sent += 0x100000) {
                    out.write(chunk);
                    taken.addAndGet(0x100000);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // The gateway closed the connection: the flood is over for this one.
            }
            reader.join(60_000);
            return status[0];
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    static int exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return statusOf(socket.getInputStream());
        } catch (IOException e) {
            return -1;
        }
    }

    static int statusOf(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        String[] parts = line.toString(StandardCharsets.US_ASCII).split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    /** Resident set size in KB. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return 0;
    }

    static Thread start(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
