import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions workload of bench/routing (run with `java bench/SessionLoad.java URL MODEL SESSIONS TURNS SEED`):
 * SESSIONS conversations start within the first second and each sends TURNS streamed chats one after another, every
 * turn carrying the whole history as chat clients do: one system prompt shared by all (120 words), the session's own
 * opening question with a pasted document (600 words), then for each turn the assistant's last answer and a new
 * question (40 words); a pause of 0-200 ms between turns. Sends no session header: Drover must recognise the
 * conversation by its opening. Prints key=value lines: completed turns, failures, how many turns after the first went
 * to the node of the turn before (same_node), each node's time-averaged requests in flight against the mean over the
 * nodes (in_flight), X-Drover-Affinity counts, latency and time to first token (p50/p95/p99 ms).
 */
public final class SessionLoad {

    private static final String[] WORDS = {"node", "model", "token", "cache", "prompt", "river", "stone", "light",
            "graph", "cloud", "paper", "green", "quick", "slow", "north", "field", "glass", "metal", "value", "delta"};

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String model = args[1];
        int sessions = Integer.parseInt(args[2]);
        int turns = Integer.parseInt(args[3]);
        Random random = new Random(Long.parseLong(args[4]));
        String system = words(random, 120);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> firstTokens = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> busyNanos = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> affinity = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicInteger sameNode = new AtomicInteger();
        AtomicInteger moves = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(sessions);
        long start = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            long seed = random.nextLong();
            long delayMs = random.nextInt(1000);
            new Thread(() -> {
                try {
                    Random own = new Random(seed);
                    Thread.sleep(delayMs);
                    List<String> messages = new ArrayList<>();
                    messages.add(message("system", system));
                    messages.add(message("user", "Read this and answer: " + words(own, 600)));
                    String previous = null;
                    for (int t = 0; t < turns; t++) {
                        String body = "{\"model\":\"" + model + "\",\"messages\":[" + String.join(",", messages)
                                + "]}";
                        Turn turn = send(http, url, body, latencies, firstTokens, failures);
                        if (turn == null) {
                            break;
                        }
                        busyNanos.computeIfAbsent(turn.node, k -> new AtomicLong()).addAndGet(turn.nanos);
                        affinity.computeIfAbsent(turn.affinity, k -> new AtomicInteger()).incrementAndGet();
                        if (previous != null) {
                            (turn.node.equals(previous) ? sameNode : moves).incrementAndGet();
                        }
                        previous = turn.node;
                        messages.add(message("assistant", turn.answer));
                        messages.add(message("user", words(own, 40)));
                        Thread.sleep(own.nextInt(200));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double elapsed = System.nanoTime() - start;
        System.out.println("completed=" + latencies.size());
        System.out.println("failed=" + failures.values().stream().mapToInt(AtomicInteger::get).sum() + " "
                + new TreeMap<>(failures));
        int transitions = sameNode.get() + moves.get();
        System.out.printf("same_node=%d/%d (%.1f%%)%n", sameNode.get(), transitions,
                100.0 * sameNode.get() / Math.max(1, transitions));
        Map<String, String> inFlight = new TreeMap<>();
        double mean = busyNanos.values().stream().mapToLong(AtomicLong::get).sum() / elapsed / Math.max(1,
                busyNanos.size());
        double highest = 0;
        for (Map.Entry<String, AtomicLong> e : busyNanos.entrySet()) {
            double average = e.getValue().get() / elapsed;
            highest = Math.max(highest, average);
            inFlight.put(e.getKey(), String.format("%.2f", average));
        }
        System.out.printf("in_flight=%s mean %.2f, highest %.2fx the mean%n", inFlight, mean, highest / mean);
        System.out.println("affinity=" + new TreeMap<>(affinity));
        System.out.println("latency_ms=" + percentiles(latencies));
        System.out.println("first_token_ms=" + percentiles(firstTokens));
        System.out.printf("elapsed_s=%.1f%n", elapsed / 1e9);
    }

    private record Turn(String node, String affinity, String answer, long nanos) {
    }

    private static Turn send(HttpClient http, URI url, String body, List<Long> latencies, List<Long> firstTokens,
            Map<String, AtomicInteger> failures) {
        long start = System.nanoTime();
        try {
            HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            StringBuilder answer = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    failures.computeIfAbsent(Integer.toString(response.statusCode()), k -> new AtomicInteger())
                            .incrementAndGet();
                    return null;
                }
                boolean first = true;
                boolean finished = false;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (first) {
                        firstTokens.add((System.nanoTime() - start) / 1_000_000);
                        first = false;
                    }
                    int at = line.indexOf("\"content\":\"");
                    if (at >= 0) {
                        answer.append(line, at + 11, line.indexOf('"', at + 11));
                    }
                    finished |= line.contains("\"done\":true");
                }
                if (!finished) {
                    failures.computeIfAbsent("cut", k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }
            }
            long nanos = System.nanoTime() - start;
            latencies.add(nanos / 1_000_000);
            return new Turn(response.headers().firstValue("X-Drover-Endpoint").orElse("?"),
                    response.headers().firstValue("X-Drover-Affinity").orElse("none"), answer.toString(), nanos);
        } catch (Exception e) {
            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            return null;
        }
    }

    private static String message(String role, String content) {
        return "{\"role\":\"" + role + "\",\"content\":\"" + content + "\"}";
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return "p50:" + at(sorted, 0.50) + " p95:" + at(sorted, 0.95) + " p99:" + at(sorted, 0.99);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
