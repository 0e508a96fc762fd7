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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workload of bench/routing (run with `java bench/RoutingLoad.java URL REQUESTS MEAN_GAP_MS SEED model=weight...`):
 * REQUESTS streamed chats arriving over time (exponential gaps of MEAN_GAP_MS on average, from SEED, so every
 * balancer gets the very same arrivals), each for a model drawn with the given weights. Prints key=value lines:
 * answers that completed, failures (with their statuses), end-to-end latency and time to the first token (p50, p95,
 * p99 in ms) and each node's share (X-Drover-Endpoint).
 */
public final class RoutingLoad {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int requests = Integer.parseInt(args[1]);
        double meanGapMs = Double.parseDouble(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        List<String> models = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            String[] pair = args[i].split("=");
            models.add(pair[0]);
            weights.add(Double.parseDouble(pair[1]));
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(requests, 256));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> firstTokens = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> share = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            double draw = random.nextDouble() * total;
            String model = models.get(models.size() - 1);
            for (int m = 0; m < models.size(); m++) {
                draw -= weights.get(m);
                if (draw < 0) {
                    model = models.get(m);
                    break;
                }
            }
            String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            pool.execute(() -> one(http, url, body, latencies, firstTokens, share, failures));
            long gapNanos = (long) (-Math.log(1 - random.nextDouble()) * meanGapMs * 1_000_000);
            long next = System.nanoTime() + gapNanos;
            while (System.nanoTime() < next) {
                Thread.sleep(1);
            }
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        System.out.println("completed=" + latencies.size());
        System.out.println("failed=" + failures.values().stream().mapToInt(AtomicInteger::get).sum() + " "
                + new TreeMap<>(failures));
        System.out.println("latency_ms=" + percentiles(latencies));
        System.out.println("first_token_ms=" + percentiles(firstTokens));
        System.out.println("share=" + new TreeMap<>(share));
        System.out.printf("elapsed_s=%.1f%n", (System.nanoTime() - start) / 1e9);
    }

    private static void one(HttpClient http, URI url, String body, List<Long> latencies, List<Long> firstTokens,
            Map<String, AtomicInteger> share, Map<String, AtomicInteger> failures) {
        long start = System.nanoTime();
        try {
            HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    failures.computeIfAbsent(Integer.toString(response.statusCode()), k -> new AtomicInteger())
                            .incrementAndGet();
                    return;
                }
                boolean first = true;
                boolean done = false;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (first) {
                        firstTokens.add((System.nanoTime() - start) / 1_000_000);
                        first = false;
                    }
                    done |= line.contains("\"done\":true");
                }
                if (!done) {
                    failures.computeIfAbsent("cut", k -> new AtomicInteger()).incrementAndGet();
                    return;
                }
            }
            latencies.add((System.nanoTime() - start) / 1_000_000);
            share.computeIfAbsent(response.headers().firstValue("X-Drover-Endpoint").orElse("?"),
                    k -> new AtomicInteger()).incrementAndGet();
        } catch (Exception e) {
            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
        }
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
