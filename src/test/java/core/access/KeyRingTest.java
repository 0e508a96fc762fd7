package core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import core.fleet.ModelName;

class KeyRingTest {

    private final ApiKey alice = new ApiKey("alice", KeyRing.sha256("alice-secret-key-0001"), Optional.empty(),
            List.of("llama3*", "qwen2.5:?b", "phi3"));
    private final ApiKey bob = new ApiKey("bob", KeyRing.sha256("bob-secret-key-000001"), Optional.empty(),
            List.of());
    private final KeyRing ring = new KeyRing(List.of(alice, bob));

    @Test
    void shouldFindTheKeyWhoseSecretIsPresented() {
        // When / Then
        assertThat(ring.find("bob-secret-key-000001")).containsSame(bob);
        assertThat(ring.find("bob-secret-key-000002")).isEmpty();
        assertThat(ring.find("")).isEmpty();
        assertThat(ring.find(null)).isEmpty();
    }

    @Test
    void shouldMatchModelPatternsOnCanonicalNames() {
        // When / Then
        assertThatCode(() -> ring.checkModel(alice, ModelName.of("LLAMA3.1:8b"))).doesNotThrowAnyException();
        assertThatCode(() -> ring.checkModel(alice, ModelName.of("qwen2.5:7b"))).doesNotThrowAnyException();
        assertThatCode(() -> ring.checkModel(alice, ModelName.of("phi3"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ring.checkModel(alice, ModelName.of("phi3:mini")))
                .isInstanceOf(ForbiddenModelException.class).hasMessage("key 'alice' may not use model 'phi3:mini'");
        assertThatThrownBy(() -> ring.checkModel(alice, ModelName.of("qwen2.5:14b")))
                .isInstanceOf(ForbiddenModelException.class);
        assertThatCode(() -> ring.checkModel(bob, ModelName.of("anything"))).doesNotThrowAnyException();
    }

    @Test
    void shouldNeverShowTheSecretWhenPrinted() {
        // When / Then
        assertThat(alice.toString()).isEqualTo("ApiKey[alice]");
    }
}
