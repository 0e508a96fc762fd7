package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ModelRenameTest {

    @Test
    void shouldGiveTheClientItsOwnNameBackInEveryChunkEvenAcrossAChunksEnd() throws Exception {
        // Given: a chunk that ends inside the model field, and the Python spelling with a space
        List<String> chunks = List.of("{\"model\":\"llama3.3:70b\",\"done\":false}\n{\"mod",
                "el\":\"llama3.3:70b\",\"done\":false}\n", "{\"model\": \"llama3.3:70b\",\"x\":\"llama3.3:70b\"}\n");

        // When
        List<String> out = renamed(chunks);

        // Then
        assertThat(out).hasSize(3);
        assertThat(String.join("", out)).isEqualTo("{\"model\":\"chat\",\"done\":false}\n{\"model\":\"chat\","
                + "\"done\":false}\n{\"model\": \"chat\",\"x\":\"llama3.3:70b\"}\n");
        assertThat(out.get(0)).isEqualTo("{\"model\":\"chat\",\"done\":false}\n{");
    }

    @Test
    void shouldPassOnTheBytesHeldBackWhenTheBodyEndsInsideWhatLookedLikeAMatch() throws Exception {
        // When
        List<String> out = renamed(List.of("{\"x\":1}{\"model\":\"llama"));

        // Then
        assertThat(String.join("", out)).isEqualTo("{\"x\":1}{\"model\":\"llama");
    }

    private static List<String> renamed(List<String> chunks) throws Exception {
        List<String> out = new ArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try (SubmissionPublisher<ByteBuffer> node = new SubmissionPublisher<>(Runnable::run, 16)) {
            new ModelRename(node, "llama3.3:70b", "chat").subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    out.add(StandardCharsets.UTF_8.decode(item).toString());
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable throwable) {
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            for (String chunk : chunks) {
                node.submit(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
