package adapters.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BatchedConsoleTest {

    private static final Formatter LINES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    };

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private BatchedConsole console;

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void shouldWriteLinesInBatchesNotOneWritePerLine() {
        // Given: a flush interval longer than the test
        console = new BatchedConsole(LINES, new PrintStream(written, true), StandardCharsets.UTF_8,
                Duration.ofSeconds(30), 1_000, 10_000);
        publish("one", "two", "three");
        assertThat(written.toString(StandardCharsets.UTF_8)).as("nothing is written per line").isEmpty();

        // When
        console.flush();

        // Then
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void shouldWriteQueuedLinesWithinTheFlushInterval() throws InterruptedException {
        // Given
        console = new BatchedConsole(LINES, new PrintStream(written, true), StandardCharsets.UTF_8,
                Duration.ofMillis(50), 1_000, 10_000);

        // When
        publish("one", "two");

        // Then
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (written.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }

    @Test
    @Timeout(30)
    void shouldNeverBlockTheCallerWhenTheConsoleStalls() throws InterruptedException {
        // Given: a console whose writes hang until released, and room for 100 waiting lines
        CountDownLatch released = new CountDownLatch(1);
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        console = new BatchedConsole(LINES, new PrintStream(stalled, true), StandardCharsets.UTF_8,
                Duration.ofMillis(10), 50, 100);
        publish("first");
        Thread.sleep(100); // the writer is now stuck in its write

        // When
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            publish("line " + i);
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        // Then: every call returned at once, lines past the room were dropped and counted, and the rest are written
        assertThat(elapsedMs).as("ms to log 10,000 lines on a stalled console").isLessThan(2_000);
        assertThat(console.dropped()).isGreaterThanOrEqualTo(10_000 - 100);
        released.countDown();
        console.close();
        long lines = written.toString(StandardCharsets.UTF_8).lines().count();
        assertThat(lines + console.dropped()).as("written + dropped").isEqualTo(10_001);
    }

    @Test
    void shouldWriteWhatIsQueuedWhenClosedAndIgnoreLaterLines() {
        // Given
        console = new BatchedConsole(LINES, new PrintStream(written, true), StandardCharsets.UTF_8,
                Duration.ofSeconds(30), 1_000, 10_000);
        publish("last words");

        // When
        console.close();
        publish("too late");

        // Then
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("last words\n");
    }

    private void publish(String... messages) {
        for (String message : messages) {
            console.publish(new LogRecord(Level.INFO, message));
        }
    }
}
