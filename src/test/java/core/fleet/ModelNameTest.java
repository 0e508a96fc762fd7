package core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import core.MalformedRequestException;

class ModelNameTest {

    @Test
    void shouldTreatMissingTagAsLatest() {
        // When
        ModelName bare = ModelName.of("llama3");

        // Then
        assertThat(bare).isEqualTo(ModelName.of("llama3:latest"));
        assertThat(bare.canonical()).isEqualTo("llama3:latest");
    }

    @Test
    void shouldIgnoreCase() {
        // When
        ModelName shouted = ModelName.of("LLAMA3:Latest");

        // Then
        assertThat(shouted).isEqualTo(ModelName.of("llama3"));
    }

    @Test
    void shouldDropDefaultHostAndNamespace() {
        // When
        ModelName full = ModelName.of("registry.ollama.ai/library/llama3:8b");

        // Then
        assertThat(full).isEqualTo(ModelName.of("llama3:8b")).isEqualTo(ModelName.of("library/llama3:8b"));
    }

    @Test
    void shouldKeepOtherNamespacesAndTags() {
        // When
        ModelName custom = ModelName.of("jdoe/mymodel:q4");

        // Then
        assertThat(custom.canonical()).isEqualTo("jdoe/mymodel:q4");
        assertThat(custom).isNotEqualTo(ModelName.of("mymodel:q4"));
    }

    @Test
    void shouldNotTakeARegistryPortForATag() {
        // When
        ModelName withPort = ModelName.of("myreg:5000/ns/model");

        // Then
        assertThat(withPort.canonical()).isEqualTo("myreg:5000/ns/model:latest");
    }

    @Test
    void shouldDistinguishTags() {
        // When
        ModelName small = ModelName.of("qwen3:8b");

        // Then
        assertThat(small).isNotEqualTo(ModelName.of("qwen3:32b")).isNotEqualTo(ModelName.of("qwen3"));
    }

    @Test
    void shouldRefuseBlankNames() {
        // When / Then
        assertThatThrownBy(() -> ModelName.of("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseRequestedNamesNoNodeCouldHold() {
        // When / Then
        for (String bad : java.util.List.of("../etc/passwd", "a/../b", "llama3\u0000", "llama3\r\nX-Evil: 1",
                "bad name!", ".hidden", "x".repeat(601), "ll\u00e4ma")) {
            assertThatThrownBy(() -> ModelName.requested(bad))
                    .as(bad).isInstanceOf(MalformedRequestException.class).hasMessage("invalid model name");
        }
        assertThat(ModelName.requested("hf.co/bartowski/Llama-3.2-1B-GGUF:Q4_K_M").canonical())
                .isEqualTo("hf.co/bartowski/llama-3.2-1b-gguf:q4_k_m");
        assertThat(ModelName.requested("meta-llama/Llama-3.1-8B-Instruct").canonical())
                .isEqualTo("meta-llama/llama-3.1-8b-instruct:latest");
    }
}
