package adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import core.fleet.CircuitState;
import core.fleet.FleetView;
import core.fleet.NodeOrigin;
import core.fleet.NodeStatus;
import core.fleet.NodeType;
import core.fleet.NodeView;
import core.journal.RequestRecord;
import ports.out.RequestLog;

/** The Grafana dashboard in deploy/grafana asks only for series Drover exports, under the names Prometheus scrapes. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/drover.json");
    private static final Pattern SERIES = Pattern.compile("drover_[a-z_]+");

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void shouldQueryOnlySeriesTheGatewayExports() throws Exception {
        // Given: every meter registered, as a busy gateway has them
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NodeView node = new NodeView("gpu-a", "http://127.0.0.1:11434", NodeType.OLLAMA, NodeStatus.UP, 0, 0, 0,
                List.of("llama3.2:latest"), List.of(), null, null, "0.12.6", CircuitState.CLOSED, true, "static",
                NodeOrigin.CONFIG, false, null, 1, 1, List.of(), 0, Map.of());
        DroverMetrics metrics = new DroverMetrics(registry, () -> new FleetView(List.of(node), 0, false),
                RequestLog.NONE, vertx);
        metrics.finished(new RequestRecord("r1", Instant.now(), "web", "/api/chat", "llama3.2", "gpu-a", 200, 900,
                120, 1, 10, 20, 800, 1_000_000_000L, "warm", false, "hit", "llama3.2:8b", true));
        metrics.retried("gpu-b", "connect");
        metrics.admitted(Duration.ofMillis(30));
        metrics.rejected("queue_full");
        metrics.circuitChanged("gpu-b", CircuitState.OPEN);
        String scraped = registry.scrape();

        // When
        Set<String> queried = queriedSeries();

        // Then
        assertThat(queried).hasSizeGreaterThan(10);
        assertThat(queried).allSatisfy(series -> assertThat(scraped).as(series).contains("\n" + series));
    }

    private static Set<String> queriedSeries() throws Exception {
        JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
        Set<String> series = new TreeSet<>();
        for (Object panel : dashboard.getJsonArray("panels")) {
            JsonArray targets = ((JsonObject) panel).getJsonArray("targets", new JsonArray());
            for (Object target : targets) {
                Matcher names = SERIES.matcher(((JsonObject) target).getString("expr"));
                while (names.find()) {
                    series.add(names.group());
                }
            }
        }
        return series;
    }
}
