package adapters.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;

import core.fleet.CircuitState;
import core.fleet.NodeStatus;
import core.fleet.NodeView;
import core.journal.RequestRecord;
import core.settings.ReloadOutcome;
import ports.in.DescribeFleetUseCase;
import ports.out.RequestLog;
import ports.out.RequestObserver;
import ports.out.ResilienceEvents;

/**
 * Drover's own Prometheus metrics ({@code drover_*} at {@code /q/metrics}). Labels stay bounded: {@code endpoint} is
 * a node's name, {@code model} a model some node lists (requests that reached no node have none), {@code route} the
 * declared route, never the raw path. Per-node gauges are re-read from the fleet every two seconds. Called on event
 * loops; every method only bumps meters.
 */
@ApplicationScoped
@Startup
@Typed(DroverMetrics.class)
public class DroverMetrics implements RequestObserver, ResilienceEvents {

    private static final Duration[] LATENCY = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};
    private static final double[] RATE = {1, 5, 10, 20, 40, 80, 160, 320};

    private final MeterRegistry registry;
    private final DescribeFleetUseCase fleet;
    private final MultiGauge up;
    private final MultiGauge inFlight;
    private final MultiGauge circuit;
    private final Map<Labels, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> affinity = new ConcurrentHashMap<>();
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();

    DroverMetrics(MeterRegistry registry, DescribeFleetUseCase fleet, RequestLog log, Vertx vertx) {
        this.registry = registry;
        this.fleet = fleet;
        up = MultiGauge.builder("drover.endpoint.up").description("1 when the node is routable, else 0")
                .register(registry);
        inFlight = MultiGauge.builder("drover.in.flight").description("requests in flight on the node")
                .register(registry);
        circuit = MultiGauge.builder("drover.circuit.state")
                .description("the node's circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
        Gauge.builder("drover.queue.depth", fleet, f -> f.describe().queued())
                .description("requests waiting for a free node slot").register(registry);
        FunctionCounter.builder("drover.request.log.written", log, RequestLog::written)
                .description("request-log rows written to the database").register(registry);
        FunctionCounter.builder("drover.request.log.dropped", log, RequestLog::dropped)
                .description("request-log rows given up: queue full or database failing").register(registry);
        for (ReloadOutcome.Result result : ReloadOutcome.Result.values()) {
            reloads(result);
        }
        refreshNodes();
        vertx.setPeriodic(2000, id -> refreshNodes());
    }

    /** Counts a configuration reload by how it ended; the nodes it changed show at once. */
    public void configReloaded(ReloadOutcome.Result result) {
        reloads(result).increment();
        refreshNodes();
    }

    private Counter reloads(ReloadOutcome.Result result) {
        return Counter.builder("drover.config.reloads").description("configuration reloads by result")
                .tag("result", result.name().toLowerCase(Locale.ROOT)).register(registry);
    }

    @Override
    public void finished(RequestRecord r) {
        RequestMeters meters = requestMeters.computeIfAbsent(new Labels(r.route(), orNone(r.model()),
                orNone(r.endpoint())), this::requestMeters);
        meters.byStatus.computeIfAbsent(r.status(), status -> Counter.builder("drover.requests")
                .description("finished requests by status (499: the client left first)").tags(meters.tags)
                .tag("status", Integer.toString(status)).register(registry)).increment();
        meters.duration.record(r.durationMillis(), TimeUnit.MILLISECONDS);
        if (r.firstByteMillis() >= 0) {
            meters.firstByte.record(r.firstByteMillis(), TimeUnit.MILLISECONDS);
        }
        if (r.promptTokens() > 0) {
            meters.promptTokens.increment(r.promptTokens());
        }
        if (r.completionTokens() > 0) {
            meters.completionTokens.increment(r.completionTokens());
        }
        double rate = r.tokensPerSecond();
        if (rate > 0) {
            meters.tokensPerSecond.record(rate);
        }
        if (r.coldLoad()) {
            meters.modelLoads.increment();
        }
        if (r.routeReason() != null) {
            decisions.computeIfAbsent(r.routeReason(), reason -> Counter.builder("drover.routing.decisions")
                    .description("requests by why their node was chosen (X-Drover-Route)").tag("reason", reason)
                    .register(registry)).increment();
        }
        if (r.affinity() != null) {
            affinity.computeIfAbsent(r.affinity(), result -> Counter.builder("drover.affinity")
                    .description("requests with a session by what it did to routing (X-Drover-Affinity): hit, miss,"
                            + " moved")
                    .tag("result", result).register(registry)).increment();
        }
        if (r.fallback()) {
            fallbacks.computeIfAbsent(r.model() + "\n" + r.servedModel(), k -> Counter.builder("drover.fallbacks")
                    .description("requests answered by a fallback model because no node of the first could take them")
                    .tag("model", r.model()).tag("fallback", String.valueOf(r.servedModel()))
                    .register(registry)).increment();
        }
    }

    /** The meters of one route, model and node, built once: a finished request then costs one map lookup. */
    private RequestMeters requestMeters(Labels labels) {
        Tags tags = Tags.of("route", labels.route(), "model", labels.model(), "endpoint", labels.endpoint());
        Tags node = Tags.of("model", labels.model(), "endpoint", labels.endpoint());
        return new RequestMeters(tags,
                Timer.builder("drover.request.duration").description("time from request to the end of the answer")
                        .tags(tags).serviceLevelObjectives(LATENCY).register(registry),
                Timer.builder("drover.time.to.first.byte").description("time from request to the answer's first byte")
                        .tags(tags).serviceLevelObjectives(LATENCY).register(registry),
                Counter.builder("drover.prompt.tokens").description("prompt tokens the nodes reported").tags(tags)
                        .register(registry),
                Counter.builder("drover.completion.tokens").description("completion tokens the nodes reported")
                        .tags(tags).register(registry),
                DistributionSummary.builder("drover.tokens.per.second")
                        .description("generation speed the node reported").tags(node)
                        .serviceLevelObjectives(RATE).register(registry),
                Counter.builder("drover.model.loads").description("answers whose node loaded the model first")
                        .tags(node).register(registry));
    }

    private record Labels(String route, String model, String endpoint) {
    }

    private record RequestMeters(Tags tags, Timer duration, Timer firstByte, Counter promptTokens,
            Counter completionTokens, DistributionSummary tokensPerSecond, Counter modelLoads,
            Map<Integer, Counter> byStatus) {

        RequestMeters(Tags tags, Timer duration, Timer firstByte, Counter promptTokens, Counter completionTokens,
                DistributionSummary tokensPerSecond, Counter modelLoads) {
            this(tags, duration, firstByte, promptTokens, completionTokens, tokensPerSecond, modelLoads,
                    new ConcurrentHashMap<>());
        }
    }

    @Override
    public void retried(String endpoint, String reason) {
        Counter.builder("drover.retries").description("attempts that failed before the first byte and went elsewhere")
                .tag("endpoint", endpoint).register(registry).increment();
    }

    @Override
    public void admitted(Duration waited) {
        Timer.builder("drover.queue.wait").description("time queued requests waited for a node slot")
                .serviceLevelObjectives(LATENCY).register(registry).record(waited);
    }

    @Override
    public void rejected(String reason) {
        Counter.builder("drover.rejected").description("requests refused before reaching a node")
                .tag("reason", reason).register(registry).increment();
    }

    @Override
    public void circuitChanged(String endpoint, CircuitState state) {
        Counter.builder("drover.circuit.transitions").description("circuit breaker state changes")
                .tags("endpoint", endpoint, "state", state.name().toLowerCase(Locale.ROOT)).register(registry)
                .increment();
        refreshNodes();
    }

    /** Registers a row per node (dropping nodes that left); each row reads the node's live state when scraped. */
    private void refreshNodes() {
        List<String> names = fleet.describe().endpoints().stream().map(NodeView::name).toList();
        up.register(rows(names, n -> n.routable() && n.status() == NodeStatus.UP ? 1 : 0), true);
        inFlight.register(rows(names, NodeView::inFlight), true);
        circuit.register(rows(names, n -> n.circuit() == CircuitState.HALF_OPEN
                ? 1
                : n.circuit() == CircuitState.OPEN ? 2 : 0), true);
    }

    private List<MultiGauge.Row<?>> rows(List<String> names, ToDoubleFunction<NodeView> value) {
        return names.stream().<MultiGauge.Row<?>>map(name -> MultiGauge.Row.of(Tags.of("endpoint", name), name,
                n -> fleet.describe().endpoints().stream().filter(e -> e.name().equals(n)).findFirst()
                        .map(value::applyAsDouble).orElse(Double.NaN)))
                .toList();
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
