import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drover's streaming probe for bench/run (run with `java bench/StreamProbe.java URL CONCURRENCY BODY`). Opens
 * CONCURRENCY raw HTTP/1.1 connections at once, POSTs BODY to each, and reads the chunked answer chunk by chunk,
 * recording when each chunk arrives. Prints key=value lines: completed streams, time to first byte (p50/p99 ms),
 * gaps between consecutive chunks (p50/p99 ms), chunks and lines received (a chunk holding more than one line means
 * the proxy coalesced), and elapsed seconds.
 */
public final class StreamProbe {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        byte[] body = args[2].getBytes(StandardCharsets.UTF_8);
        // A first, unmeasured batch warms this JVM (and the target) so the figures are not the probe's own start.
        batch(url, Math.min(concurrency, 50), body);
        batch(url, concurrency, body).report(concurrency);
    }

    private static Batch batch(URI url, int concurrency, byte[] body) throws Exception {
        List<Stream> streams = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(concurrency);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < concurrency; i++) {
            Stream stream = new Stream();
            streams.add(stream);
            Thread thread = new Thread(null, () -> {
                try {
                    stream.run(url, body, ready, go);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    stream.error = e.toString();
                    ready.countDown();
                } finally {
                    done.countDown();
                }
            }, "probe-" + i, 256 * 1024);
            thread.setDaemon(true);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        return new Batch(streams, (System.nanoTime() - start) / 1e9);
    }

    private record Batch(List<Stream> streams, double elapsed) {

    void report(int concurrency) {

        List<Double> ttfb = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        long chunks = 0;
        long lines = 0;
        long coalesced = 0;
        int completed = 0;
        for (Stream s : streams) {
            if (s.error != null || !s.complete) {
                continue;
            }
            completed++;
            ttfb.add((s.firstByte - s.sent) / 1e6);
            for (int i = 1; i < s.arrivals.size(); i++) {
                gaps.add((s.arrivals.get(i) - s.arrivals.get(i - 1)) / 1e6);
            }
            chunks += s.arrivals.size();
            lines += s.lines;
            coalesced += s.multiLineChunks;
        }
        System.out.println("streams=" + concurrency);
        System.out.println("completed=" + completed);
        System.out.println("failed=" + (concurrency - completed));
        System.out.printf("ttfb_p50_ms=%.3f%nttfb_p99_ms=%.3f%n", pct(ttfb, 50), pct(ttfb, 99));
        System.out.printf("gap_p50_ms=%.3f%ngap_p99_ms=%.3f%n", pct(gaps, 50), pct(gaps, 99));
        System.out.println("chunks=" + chunks);
        System.out.println("lines=" + lines);
        System.out.println("coalesced_chunks=" + coalesced);
        System.out.printf("elapsed_s=%.2f%n", elapsed);
        streams.stream().filter(s -> s.error != null).limit(3).forEach(s -> System.out.println("error=" + s.error));
    }
    }

    private static double pct(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static final class Stream {

        final List<Long> arrivals = new ArrayList<>();
        long sent;
        long firstByte;
        long lines;
        long multiLineChunks;
        boolean complete;
        String error;

        void run(URI url, byte[] body, CountDownLatch ready, CountDownLatch go) throws Exception {
            try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(120_000);
                ready.countDown();
                go.await();
                OutputStream out = socket.getOutputStream();
                String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
                sent = System.nanoTime();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
                String status = line(in);
                firstByte = System.nanoTime();
                if (!status.contains(" 200 ")) {
                    throw new IOException("status " + status);
                }
                boolean chunked = false;
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    if (header.toLowerCase().startsWith("transfer-encoding:") && header.toLowerCase().contains("chunked")) {
                        chunked = true;
                    }
                }
                if (!chunked) {
                    throw new IOException("answer is not chunked");
                }
                while (true) {
                    int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                    if (size == 0) {
                        line(in);
                        complete = true;
                        return;
                    }
                    byte[] data = in.readNBytes(size);
                    arrivals.add(System.nanoTime());
                    line(in);
                    int count = 0;
                    for (byte b : data) {
                        if (b == '\n') {
                            count++;
                        }
                    }
                    lines += count;
                    if (count > 1) {
                        multiLineChunks++;
                    }
                }
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (b != '\r') {
                    buffer.write(b);
                }
            }
            return buffer.toString(StandardCharsets.US_ASCII);
        }
    }
}
