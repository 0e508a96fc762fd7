package core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import core.MalformedRequestException;
import core.fleet.Fixtures;
import core.fleet.Fleet;
import core.fleet.ModelName;
import core.fleet.Node;
import core.fleet.NodeType;
import core.fleet.UnknownNodeException;
import core.routing.AdmissionQueue;
import core.routing.Choice;
import core.routing.Drain;
import core.routing.DrainingException;
import core.routing.LoadBalancer;
import core.routing.NodeFailedException;
import core.routing.RouteReason;

class FleetModelTasksTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private final Fleet fleet = new Fleet();
    private final FakeNodeModels nodes = new FakeNodeModels();
    private final Drain drain = new Drain(fleet, AdmissionQueue.disabled(new LoadBalancer(
            (candidates, model) -> new Choice(candidates.get(0), RouteReason.PRIORITY))));
    private final FleetModelTasks tasks = new FleetModelTasks(fleet, nodes, drain);
    private final Heard heard = new Heard();

    @BeforeEach
    void fleet() {
        fleet.add(Fixtures.anEndpoint("a").withLabels(Map.of("gpu", "a100")));
        fleet.add(Fixtures.anEndpoint("b").withLabels(Map.of("gpu", "a100")));
        fleet.add(Fixtures.anEndpoint("c"));
        fleet.add(new Node("vllm", URI.create("http://127.0.0.1:2/v1"), NodeType.OPENAI, 0, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(2)));
    }

    @Test
    void shouldMergeLayerProgressIntoOneRisingFleetFigure() {
        // Given
        tasks.run(Targets.parse("*", null), pull(), heard);

        // When: a reports half its layer, b a quarter, c nothing yet
        nodes.last("a").progress().accept(new Progress("pulling abababababab", DIGEST, 1000, 500));
        nodes.last("b").progress().accept(new Progress("pulling abababababab", DIGEST, 1000, 250));

        // Then: the fleet's layer is three nodes' bytes; each line names its node and keeps its own figures
        FleetProgress last = heard.lines.get(heard.lines.size() - 1);
        assertThat(last.node()).isEqualTo("b");
        assertThat(last.total()).isEqualTo(3000);
        assertThat(last.completed()).isEqualTo(750);
        assertThat(last.nodeTotal()).isEqualTo(1000);
        assertThat(last.nodeCompleted()).isEqualTo(250);
    }

    @Test
    void shouldFinishWithEveryNodesOutcomeWhenOneFailsMidway() {
        // Given
        tasks.run(Targets.parse("a,b,c", null), pull(), heard);
        nodes.last("b").progress().accept(new Progress("pulling abababababab", DIGEST, 1000, 400));

        // When
        nodes.last("a").result().complete(null);
        nodes.last("b").result().completeExceptionally(new ModelTaskFailedException("b", 500, "connection reset"));
        nodes.last("c").result().complete(null);

        // Then
        ModelTaskResult result = heard.result;
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failed()).containsExactly("b");
        assertThat(result.summary())
                .isEqualTo("pull llama3.2:latest failed on b (connection reset); succeeded on a, c");
        assertThat(result.nodes().get("a").ok()).isTrue();
        assertThat(heard.lines.stream().filter(l -> l.outcome() != null).map(FleetProgress::node))
                .containsExactly("a", "b", "c");
    }

    @Test
    void shouldChooseOllamaNodesByLabelAndRefuseWhatCannotBeMeant() {
        // When
        List<String> byLabel = tasks.select(Targets.parse(null, "gpu=a100")).stream().map(s -> s.name()).toList();
        List<String> all = tasks.select(Targets.parse("*", null)).stream().map(s -> s.name()).toList();

        // Then
        assertThat(byLabel).containsExactly("a", "b");
        assertThat(all).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> tasks.select(Targets.parse("a,nope", null)))
                .isInstanceOf(UnknownNodeException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> tasks.select(Targets.parse("a,vllm", null)))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("OpenAI-compatible");
        assertThatThrownBy(() -> tasks.select(Targets.parse(null, "gpu=h100")))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("gpu=h100");
        assertThatThrownBy(() -> Targets.parse(null, "gpu")).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void shouldCountADeleteDoneWhereNodesNeverHadTheModel() {
        // Given
        ModelTask delete = new ModelTask(ModelOperation.DELETE, ModelName.of("llama3.2"), null, null);
        tasks.run(Targets.parse("a,b", null), delete, heard);

        // When
        nodes.last("a").result().complete(null);
        nodes.last("b").result().completeExceptionally(new ModelTaskFailedException("b", 404, "model not found"));

        // Then
        assertThat(heard.result.succeeded()).isTrue();
        assertThat(heard.result.status()).isEqualTo(200);
    }

    @Test
    void shouldReportAnUnreachableNodeAsBadGatewayAndCancelTheRest() {
        // Given
        ModelTaskRun run = tasks.run(Targets.parse("a,b", null), pull(), heard);
        nodes.last("a").result().completeExceptionally(new NodeFailedException("a", "connection refused", null));

        // When: the client leaves
        run.cancel();

        // Then
        assertThat(nodes.last("b").result().isCancelled()).isTrue();
        assertThat(heard.result.nodes().get("a").status()).isEqualTo(502);
        assertThat(heard.result.nodes().get("b").reason()).isEqualTo("cancelled");
        assertThat(heard.result.status()).isEqualTo(500);
    }

    @Test
    void shouldHoldTheDrainUntilTheTaskEndsAndRefuseNewOnesWhileDraining() {
        // Given
        tasks.run(Targets.parse("a,b", null), pull(), heard);
        drain.start();

        // When
        int during = drain.pending();
        nodes.last("a").result().complete(null);
        nodes.last("b").result().complete(null);

        // Then
        assertThat(during).isEqualTo(1);
        assertThat(drain.pending()).isZero();
        assertThatThrownBy(() -> tasks.run(Targets.parse("a,b", null), pull(), heard))
                .isInstanceOf(DrainingException.class);
        assertThat(nodes.calls).hasSize(2);
    }

    @Test
    void shouldEndATaskWhoseNodeCallThrowsAndReleaseTheDrain() {
        // Given
        nodes.throwing.add("b");

        // When
        tasks.run(Targets.parse("a,b", null), pull(), heard);
        nodes.last("a").result().complete(null);

        // Then
        assertThat(heard.result.nodes().get("b").reason()).isEqualTo("broken port");
        assertThat(drain.pending()).isZero();
    }

    private static ModelTask pull() {
        return ModelTask.pull(ModelName.of("llama3.2"));
    }

    private static final class Heard implements ModelTaskListener {

        final List<FleetProgress> lines = new ArrayList<>();
        ModelTaskResult result;

        @Override
        public void progress(FleetProgress line) {
            lines.add(line);
        }

        @Override
        public void finished(ModelTaskResult done) {
            result = done;
        }
    }
}
