package core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import core.TestClock;

class ResidencyTest {

    private static final ModelName ALPHA = ModelName.of("alpha");
    private static final ModelName BETA = ModelName.of("beta");
    private static final ModelName GAMMA = ModelName.of("gamma");

    private final TestClock clock = new TestClock();
    private final Residency residency = new Residency(clock);

    @Test
    void shouldTakeAModelAsLoadedOnceARequestForItWasSent() {
        // Given
        boolean before = residency.loaded(ALPHA);

        // When
        boolean wasWarm = residency.started(ALPHA);

        // Then
        assertThat(before).isFalse();
        assertThat(wasWarm).isFalse();
        assertThat(residency.loaded(ALPHA)).isTrue();
        assertThat(residency.inFlight(ALPHA)).isEqualTo(1);
        assertThat(residency.started(ALPHA)).isTrue();
    }

    @Test
    void shouldBelieveTheNodesListButKeepAModelSentAfterTheQuestion() {
        // Given: alpha and beta were sent earlier and have ended; the node is asked; gamma is sent after the question
        residency.started(ALPHA);
        residency.ended(ALPHA, null);
        residency.started(BETA);
        residency.ended(BETA, null);
        clock.advance(Duration.ofMillis(10));
        long asked = residency.mark();
        clock.advance(Duration.ofMillis(10));
        residency.started(GAMMA);
        residency.ended(GAMMA, null);

        // When: the node lists only alpha
        residency.observed(List.of(entry(ALPHA, clock.instant().plusSeconds(60))), asked);

        // Then
        assertThat(residency.loaded(ALPHA)).isTrue();
        assertThat(residency.loaded(BETA)).isFalse();
        assertThat(residency.loaded(GAMMA)).isTrue();
    }

    @Test
    void shouldForgetAnIdleModelOnceItsKeepAliveHasRunOut() {
        // Given
        residency.observed(List.of(entry(ALPHA, clock.instant().plusSeconds(30))), residency.mark());

        // When
        clock.advance(Duration.ofSeconds(31));

        // Then
        assertThat(residency.loaded(ALPHA)).isFalse();
    }

    @Test
    void shouldLearnTheNodesRoomFromModelsPushedOutBeforeTheirTime() {
        // Given: three models loaded with minutes to live: the node holds at least three
        ModelName delta = ModelName.of("delta");
        residency.observed(List.of(entry(ALPHA, clock.instant().plusSeconds(300)),
                entry(BETA, clock.instant().plusSeconds(300)), entry(GAMMA, clock.instant().plusSeconds(300))),
                residency.mark());
        assertThat(residency.room()).isEqualTo(3);

        // When: delta was loaded and the node now lists delta and beta: alpha and gamma went early
        residency.observed(List.of(entry(delta, clock.instant().plusSeconds(300)),
                entry(BETA, clock.instant().plusSeconds(300))), residency.mark());

        // Then
        assertThat(residency.room()).isEqualTo(2);
        assertThat(residency.loaded(ALPHA)).isFalse();
        assertThat(residency.loaded(GAMMA)).isFalse();
    }

    @Test
    void shouldCountTheModelAColdLoadPushesOutAsGoneEvenWhileItsRequestsFinish() {
        // Given: a node known to hold one model, alpha loaded and busy
        residency.started(ALPHA);

        // When: beta is sent there
        residency.started(BETA);

        // Then: alpha's request still counts, but no new one should expect alpha there
        assertThat(residency.loaded(ALPHA)).isFalse();
        assertThat(residency.inFlight(ALPHA)).isEqualTo(1);
        assertThat(residency.loaded(BETA)).isTrue();
    }

    @Test
    void shouldLearnLoadTimesOnlyFromAnswersThatPaidALoad() {
        // Given
        residency.learned(ALPHA, false, 900, 200, 50);
        assertThat(residency.loadTime(ALPHA)).isNull();

        // When
        residency.learned(ALPHA, true, 1000, 200, 50);
        residency.learned(ALPHA, true, 2000, 400, 50);

        // Then: a moving average weighing the latest answer by a fifth
        assertThat(residency.loadTime(ALPHA)).isEqualTo(Duration.ofMillis(1200));
        assertThat(residency.slotTime(ALPHA)).isEqualTo(Duration.ofMillis(240));
        assertThat(residency.view()).singleElement()
                .satisfies(m -> assertThat(m.tokensPerSecond()).isEqualTo(50.0));
    }

    @Test
    void shouldKeepAModelAsLongAsItsRequestsAskedAndNoLonger() {
        // Given: a node with the three loaded; alpha asked to stay 10 s, beta forever, gamma to unload at once
        Instant soon = clock.instant().plusSeconds(60);
        residency.observed(List.of(entry(ALPHA, soon), entry(BETA, soon), entry(GAMMA, soon)), residency.mark());
        for (ModelName m : List.of(ALPHA, BETA, GAMMA)) {
            residency.started(m);
        }
        residency.ended(ALPHA, Duration.ofSeconds(10));
        residency.ended(BETA, Duration.ofSeconds(-1));
        residency.ended(GAMMA, Duration.ZERO);

        // When: alpha is used again without saying, and an hour passes
        residency.started(ALPHA);
        residency.ended(ALPHA, null);
        clock.advance(Duration.ofSeconds(11));
        boolean alphaAfter11s = residency.loaded(ALPHA);
        clock.advance(Duration.ofHours(1));

        // Then: alpha's 10 s stuck to it, as in Ollama; beta stays; gamma went at once
        assertThat(alphaAfter11s).isFalse();
        assertThat(residency.loaded(BETA)).isTrue();
        assertThat(residency.loaded(GAMMA)).isFalse();
    }

    @Test
    void shouldNotBelieveAListingAskedBeforeALoadThatPushedAModelOut() {
        // Given: alpha loaded on a node that holds one model; the node is asked what it has
        residency.observed(List.of(entry(ALPHA, clock.instant().plusSeconds(300))), residency.mark());
        long asked = residency.mark();
        clock.advance(Duration.ofMillis(5));

        // When: beta is sent there (pushing alpha out), then the answer to the earlier question arrives
        residency.started(BETA);
        residency.observed(List.of(entry(ALPHA, clock.instant().plusSeconds(300))), asked);

        // Then
        assertThat(residency.loaded(ALPHA)).isFalse();
        assertThat(residency.loaded(BETA)).isTrue();
    }

    private static ModelEntry entry(ModelName name, Instant expiresAt) {
        return new ModelEntry(name, null, "{}", NodeType.OLLAMA, expiresAt, 1_000_000);
    }
}
