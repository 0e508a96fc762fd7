package adapters.balancer;

import static core.fleet.Fixtures.anEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import core.fleet.Fixtures;
import core.fleet.ModelEntry;
import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeState;
import core.fleet.NodeType;
import core.routing.Choice;

/** The warm-first balancer's scoring, one fleet per row: which node it picks for {@code alpha}, and why. */
class WarmFirstSelectorTest {

    private static final ModelName ALPHA = ModelName.of("alpha");
    private static final ModelName BETA = ModelName.of("beta");

    static Stream<Arguments> fleets() {
        return Stream.of(
                row("loaded on one node: that one", "b=warm",
                        a -> {
                        }, b -> loaded(b, ALPHA), c -> {
                        }),
                sized("loaded on two, one busy with a free slot: the idle one", "b=warm", new int[]{1, 1, 1},
                        a -> {
                            loaded(a, ALPHA);
                            running(a, ALPHA, 1);
                        }, b -> loaded(b, ALPHA), c -> {
                        }),
                row("loaded but full, a short wait there beats a load elsewhere: wait", "a=warm-queued",
                        a -> {
                            loaded(a, ALPHA);
                            running(a, ALPHA, 1);
                            learned(a, ALPHA, 5000, 200);
                        }, b -> {
                        }, c -> {
                        }),
                row("loaded but full, the wait is longer than a load: load on an idle node", "b=cold-idle c=cold-idle",
                        a -> {
                            loaded(a, ALPHA);
                            running(a, ALPHA, 3);
                            learned(a, ALPHA, 1000, 4000);
                        }, b -> {
                        }, c -> {
                        }),
                row("loaded nowhere: never on a node busy with another model while one is idle", "c=cold-idle",
                        a -> running(a, BETA, 1), b -> running(b, BETA, 1), c -> {
                        }),
                row("loaded nowhere and every node busy: where the work ahead is least", "b=cold-busy",
                        a -> running(a, BETA, 4), b -> running(b, BETA, 1), c -> running(c, BETA, 3)),
                row("loaded nowhere: an empty idle node before one whose idle model it would push out", "c=cold-idle",
                        a -> running(a, BETA, 1), b -> loaded(b, BETA), c -> {
                        }),
                sized("equally warm: the fewest in flight per weight", "a=warm", new int[]{3, 1, 1},
                        a -> {
                            loaded(a, ALPHA);
                            running(a, ALPHA, 2);
                        }, b -> {
                            loaded(b, ALPHA);
                            running(b, ALPHA, 1);
                        }, c -> {
                        }),
                row("a node that took long to load it before loses to one that was quick", "b=cold-idle",
                        a -> learned(a, ALPHA, 30_000, 500), b -> learned(b, ALPHA, 2_000, 500),
                        c -> running(c, BETA, 1)),
                row("equally cold idle nodes take turns", "a=cold-idle b=cold-idle c=cold-idle",
                        a -> {
                        }, b -> {
                        }, c -> {
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleets")
    void shouldPickTheCheapestNode(String description, Fleet fleet) {
        // Given
        List<NodeState> nodes = fleet.build();
        WarmFirstSelector selector = new WarmFirstSelector();

        // When: nine picks, nothing in flight changes between them
        Map<String, String> picks = new TreeMap<>();
        for (int i = 0; i < 9; i++) {
            Choice choice = selector.select(nodes, ALPHA);
            picks.put(choice.node().name(), choice.reason().label());
        }

        // Then
        List<String> seen = new ArrayList<>();
        picks.forEach((node, reason) -> seen.add(node + "=" + reason));
        assertThat(String.join(" ", seen)).as(description).isEqualTo(fleet.expected);
    }

    @Test
    void shouldTakeAnOpenAiServerToServeWhatItLists() {
        // Given: an OpenAI-compatible node that is idle, beside one where alpha is loaded and full
        NodeState openAi = Fixtures.up(new Node("vllm", URI.create("http://127.0.0.1:2/"), NodeType.OPENAI, 0, 0,
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(2)));
        NodeState ollama = Fixtures.up(anEndpoint("ollama"));
        loaded(ollama, ALPHA);
        running(ollama, ALPHA, 1);

        // When
        Choice choice = new WarmFirstSelector().select(List.of(ollama, openAi), ALPHA);

        // Then
        assertThat(choice.node().name()).isEqualTo("vllm");
        assertThat(choice.reason().label()).isEqualTo("warm");
    }

    private static void loaded(NodeState node, ModelName model) {
        node.residency().observed(List.of(new ModelEntry(model, null, "{}", NodeType.OLLAMA,
                Instant.now().plusSeconds(600), 1)), node.residency().mark());
    }

    private static void running(NodeState node, ModelName model, int requests) {
        for (int i = 0; i < requests; i++) {
            node.tryAcquire();
            node.residency().started(model);
        }
    }

    private static void learned(NodeState node, ModelName model, long loadMillis, long slotMillis) {
        node.residency().learned(model, true, loadMillis, slotMillis, -1);
    }

    private static Arguments row(String description, String expected, Consumer<NodeState> a, Consumer<NodeState> b,
            Consumer<NodeState> c) {
        return Arguments.of(description, new Fleet(expected, List.of(a, b, c), new int[]{1, 1, 1}, 1));
    }

    /** Nodes of the given weights, each with four parallel slots. */
    private static Arguments sized(String description, String expected, int[] weights, Consumer<NodeState> a,
            Consumer<NodeState> b, Consumer<NodeState> c) {
        return Arguments.of(description, new Fleet(expected, List.of(a, b, c), weights, 4));
    }

    /** Three nodes a, b, c put in a condition, of the given weights and parallel slots. */
    static final class Fleet {

        final String expected;
        final List<Consumer<NodeState>> setups;
        final int[] weights;
        final int parallel;

        Fleet(String expected, List<Consumer<NodeState>> setups, int[] weights, int parallel) {
            this.expected = expected;
            this.setups = setups;
            this.weights = weights;
            this.parallel = parallel;
        }

        List<NodeState> build() {
            List<NodeState> nodes = new ArrayList<>();
            String[] names = {"a", "b", "c"};
            for (int i = 0; i < 3; i++) {
                NodeState node = Fixtures.up(anEndpoint(names[i]).withCapacity(weights[i], parallel));
                setups.get(i).accept(node);
                nodes.add(node);
            }
            return nodes;
        }

        @Override
        public String toString() {
            return expected;
        }
    }
}
