package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import core.access.LogBudget;
import testsupport.OpenFiles;

class GatheredBodyTest {

    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path directory;

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void shouldGiveBackOffTheHeapExactlyTheBytesItTookAcrossPieces() {
        // Given: a first part gathered on the heap, then chunks of odd sizes that straddle the pieces
        byte[] sent = body(3 * GatheredBody.OffHeap.PIECE + 12_345);
        GatheredBody.OffHeap body = new GatheredBody.OffHeap();

        // When
        body.add(firstPart(sent).bytes());
        for (int at = 20_000; at < sent.length; at += 40_000) {
            body.add(Buffer.buffer(Arrays.copyOfRange(sent, at, Math.min(sent.length, at + 40_000))));
        }

        // Then
        assertThat(body.length()).isEqualTo(sent.length);
        assertThat(body.whole().result().getBytes()).isEqualTo(sent);
        body.release();
        body.release(); // a second release changes nothing
        assertThat(body.length()).isEqualTo(sent.length);
    }

    @Test
    void shouldGiveBackFromItsFileExactlyTheBytesItTookAndLeaveNoFileBehind() throws Exception {
        // Given: a body of 3 MB on its way to a file of server.body_temp_path
        byte[] sent = body(3 << 20);
        BodyFiles files = new BodyFiles(directory, LogBudget.standard(0));
        long openBefore = OpenFiles.named("drover-body-");

        // When: opened, written in chunks as a client sends them, read back whole
        CompletableFuture<byte[]> back = new CompletableFuture<>();
        CompletableFuture<Long> openDuring = new CompletableFuture<>();
        vertx.runOnContext(v -> files.open(vertx, request(), back::completeExceptionally).onSuccess(body -> {
            body.add(firstPart(sent).bytes());
            for (int at = 20_000; at < sent.length; at += 8_192) {
                body.add(Buffer.buffer(Arrays.copyOfRange(sent, at, Math.min(sent.length, at + 8_192))));
            }
            openDuring.complete(OpenFiles.named("drover-body-"));
            body.whole().onComplete(whole -> {
                body.release();
                if (whole.failed()) {
                    back.completeExceptionally(whole.cause());
                } else {
                    back.complete(whole.result().getBytes());
                }
            });
        }).onFailure(back::completeExceptionally));

        // Then: the same bytes; the file was out of its directory all along, and is closed once released
        assertThat(back.get(10, TimeUnit.SECONDS)).isEqualTo(sent);
        assertThat(files.onDisk()).isTrue();
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).isEmpty();
        }
        assertThat(openDuring.get()).isEqualTo(openBefore + 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (OpenFiles.named("drover-body-") > openBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(OpenFiles.named("drover-body-")).isEqualTo(openBefore);
    }

    @Test
    void shouldReportAWriteThatFailsAtOnceAndFailTheWholeBody() throws Exception {
        // Given: a body file that refuses writes, as a full disk would
        Path path = Files.createTempFile(directory, "drover-body-", "");
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        CompletableFuture<Throwable> whole = new CompletableFuture<>();

        // When
        vertx.runOnContext(v -> vertx.fileSystem().open(path.toString(), new io.vertx.core.file.OpenOptions()
                .setRead(true).setWrite(false)).onSuccess(file -> {
                    GatheredBody.Spilled body = new GatheredBody.Spilled(file, request(), reported::complete);
                    body.add(Buffer.buffer(body(64 * 1024)));
                    body.whole().onComplete(ar -> {
                        body.release();
                        whole.complete(ar.cause());
                    });
                }));

        // Then
        assertThat(reported.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(whole.get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void shouldGatherInMemoryWhenTheDirectoryCannotBeWritten() {
        // Given: a directory that does not exist
        BodyFiles files = new BodyFiles(directory.resolve("missing"), LogBudget.standard(0));

        // When
        Future<GatheredBody> body = files.open(vertx, request(), error -> {
        });

        // Then
        assertThat(files.onDisk()).isFalse();
        assertThat(body.result()).isInstanceOf(GatheredBody.OffHeap.class);
    }

    private static byte[] body(int size) {
        byte[] sent = new byte[size];
        new Random(7).nextBytes(sent);
        return sent;
    }

    /** The first 20,000 bytes, as a body of unknown length gathers them before it passes 16 KB. */
    private static GatheredBody.Chunks firstPart(byte[] sent) {
        GatheredBody.Chunks first = new GatheredBody.Chunks();
        first.add(Buffer.buffer(Arrays.copyOfRange(sent, 0, 10_000)));
        first.add(Buffer.buffer(Arrays.copyOfRange(sent, 10_000, 20_000)));
        return first;
    }

    /** A request whose pause and resume do nothing: the writes' back-pressure has no client to hold here. */
    private static HttpServerRequest request() {
        return (HttpServerRequest) java.lang.reflect.Proxy.newProxyInstance(GatheredBodyTest.class.getClassLoader(),
                new Class<?>[]{HttpServerRequest.class}, (proxy, method, args) -> proxy);
    }

}
