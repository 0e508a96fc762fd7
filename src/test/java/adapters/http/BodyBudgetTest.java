package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.Gateway.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

class BodyBudgetTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final BodyBudget budget = new BodyBudget(100);
    private final List<String> granted = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close();
    }

    private BodyBudget.Claim claim(String name, long bytes) {
        return budget.claim(bytes, context, () -> granted.add(name));
    }

    @Test
    void shouldGrantWhatFitsAtOnceAndMakeTheRestWaitFirstComeFirstServed() {
        // Given: 60 of 100 held
        BodyBudget.Claim first = claim("first", 60);

        // When: 50 and then 10 are asked for
        BodyBudget.Claim large = claim("large", 50);
        claim("small", 10);

        // Then: only the first holds; the small one, though it would fit, waits behind the large one (no starving)
        assertThat(granted).containsExactly("first");
        assertThat(budget.held()).isEqualTo(60);
        assertThat(budget.waiting()).isEqualTo(2);

        // When: the first gives its bytes back
        first.release();

        // Then: both waiting claims get theirs, in order
        await("both waiting claims granted", () -> granted.size() == 3);
        assertThat(granted).containsExactly("first", "large", "small");
        assertThat(budget.held()).isEqualTo(60);
        assertThat(large.granted()).isTrue();
    }

    @Test
    void shouldLetOthersGoOnWhenAWaitingClaimGivesUp() {
        // Given: 90 held, 50 waiting, and 10 waiting behind it
        BodyBudget.Claim holder = claim("holder", 90);
        BodyBudget.Claim gaveUp = claim("gave-up", 50);
        claim("behind", 10);
        holder.shrink(80);

        // When: the head of the line stops waiting (its client timed out)
        gaveUp.release();

        // Then: the one behind it fits and is granted; the one that gave up never is
        await("the claim behind granted", () -> granted.contains("behind"));
        assertThat(granted).containsExactly("holder", "behind");
        assertThat(budget.held()).isEqualTo(90);
        assertThat(budget.waiting()).isZero();
    }

    @Test
    void shouldGiveBackEveryByteExactlyOnce() {
        // Given: a body of unknown length that claimed the whole limit and read 30
        BodyBudget.Claim chunked = claim("chunked", 100);
        chunked.shrink(30);
        assertThat(budget.held()).isEqualTo(30);

        // When: it is released twice (its read failed, then its request ended), and shrunk after that
        chunked.release();
        chunked.release();
        chunked.shrink(10);

        // Then: nothing is held and nothing was given back twice
        assertThat(budget.held()).isZero();
        claim("next", 100);
        assertThat(granted).containsExactly("chunked", "next");
    }

    @Test
    void shouldNeverAskForMoreThanTheWholeBudget() {
        // When: a claim beyond the capacity (the configuration keeps it at or above every limit)
        claim("huge", 1_000);

        // Then: it is granted the whole budget rather than waiting forever
        assertThat(granted).containsExactly("huge");
        assertThat(budget.held()).isEqualTo(100);
    }
}
