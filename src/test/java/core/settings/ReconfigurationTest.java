package core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import core.FakeCatalog;
import core.FakeEngine;
import core.access.ApiKey;
import core.access.Authorization;
import core.access.KeyRing;
import core.access.OperationsAccess;
import core.access.RateLimit;
import core.access.RateLimiter;
import core.access.UnauthorizedException;
import core.fleet.Fleet;
import core.fleet.FleetMembership;
import core.fleet.HealthChecker;
import core.fleet.HealthPolicy;
import core.fleet.ModelName;
import core.fleet.ModelRegistry;
import core.fleet.Node;
import core.fleet.NodeOrigin;
import core.fleet.NodeReport;
import core.fleet.NodeState;
import core.fleet.NodeType;
import core.routing.AdmissionQueue;
import core.routing.Choice;
import core.routing.Drain;
import core.routing.LoadBalancer;
import core.routing.ModelRoutes;
import core.routing.RequestRouter;
import core.routing.RetryPolicy;
import core.routing.RouteReason;
import ports.out.NodeSelector;
import ports.out.ResilienceEvents;
import ports.out.SettingsSource;

class ReconfigurationTest {

    private static final String KEY = "client-secret-key-0001";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Fleet fleet = new Fleet();
    private final HealthChecker health = new HealthChecker(
            (endpoint, as) -> CompletableFuture.completedFuture(new NodeReport(NodeType.OLLAMA, "0.12.6")), scheduler,
            Clock.systemUTC(), new HealthPolicy(1, 1, Duration.ofSeconds(1)), (state, from, to) -> {
            });
    private final FleetMembership membership = new FleetMembership(fleet, health,
            new ModelRegistry(new FakeCatalog(), fleet, Clock.systemUTC()));
    private final Authorization access = new Authorization(new KeyRing(List.of()), new KeyRing(List.of()),
            new RateLimiter(Clock.systemUTC(), Optional.empty(), Optional.empty()), OperationsAccess.LOOPBACK);
    private final LoadBalancer balancer = new LoadBalancer(new First());
    private final ModelRoutes routes = new ModelRoutes(List.of());
    private final RequestRouter router = new RequestRouter(fleet, new ModelRegistry(new FakeCatalog(), fleet,
            Clock.systemUTC()), balancer, new FakeEngine(), RetryPolicy.of(1, Duration.ofSeconds(1)),
            AdmissionQueue.disabled(balancer), new Drain(fleet, AdmissionQueue.disabled(balancer)),
            ResilienceEvents.NONE, routes);
    private final List<ReloadOutcome> outcomes = new ArrayList<>();
    private final Source source = new Source();
    private final Reconfiguration reconfiguration = new Reconfiguration(source, membership, access, router,
            outcomes::add);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldAddRemoveAndChangeConfiguredNodesKeepingTheOthers() {
        // Given: a and b from config.yaml, c added over the admin API, and a request in flight on b
        membership.join(node("a", 1, 0), NodeOrigin.CONFIG);
        membership.join(node("b", 1, 0), NodeOrigin.CONFIG);
        membership.join(node("c", 1, 0), NodeOrigin.ADMIN);
        NodeState a = fleet.get("a").orElseThrow();
        NodeState b = fleet.get("b").orElseThrow();
        b.tryAcquire();
        source.next = () -> settings(List.of(node("a", 5, 4), node("d", 1, 0)), List.of());

        // When
        ReloadOutcome outcome = reconfiguration.reload("test");

        // Then: b left (its request still counted on it, for its release), d joined, a took its new weight in place
        assertThat(outcome.result()).isEqualTo(ReloadOutcome.Result.APPLIED);
        assertThat(outcome.changes()).containsExactly("-b", "~a", "+d");
        assertThat(fleet.names()).containsExactly("a", "c", "d");
        assertThat(fleet.get("a")).containsSame(a);
        assertThat(a.endpoint().weight()).isEqualTo(5);
        assertThat(a.endpoint().maxConcurrency()).isEqualTo(4);
        assertThat(b.inFlight()).isEqualTo(1);
        assertThat(outcomes).containsExactly(outcome);
    }

    @Test
    void shouldReplaceANodeWhoseAddressChanged() {
        // Given
        membership.join(node("a", 1, 0), NodeOrigin.CONFIG);
        NodeState before = fleet.get("a").orElseThrow();
        Node moved = new Node("a", URI.create("http://127.0.0.1:2/"), NodeType.OLLAMA, 0, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(2));
        source.next = () -> settings(List.of(moved), List.of());

        // When
        ReloadOutcome outcome = reconfiguration.reload("test");

        // Then: a new state, learning the new server from scratch
        assertThat(outcome.changes()).containsExactly("~a");
        assertThat(fleet.get("a").orElseThrow()).isNotSameAs(before);
        assertThat(fleet.get("a").orElseThrow().endpoint().url()).isEqualTo(moved.url());
    }

    @Test
    void shouldChangeNothingWhenTheConfigurationIsInvalidOrNeedsARestart() {
        // Given
        membership.join(node("a", 1, 0), NodeOrigin.CONFIG);
        source.next = () -> {
            throw new InvalidSettingsException("invalid config: discovery.static.endpoints[0].url = 'x'");
        };

        // When
        ReloadOutcome invalid = reconfiguration.reload("test");
        source.next = () -> {
            throw new RestartRequiredException(List.of("server.port"));
        };
        ReloadOutcome restart = reconfiguration.reload("test");

        // Then
        assertThat(invalid.result()).isEqualTo(ReloadOutcome.Result.INVALID);
        assertThat(invalid.problem()).contains("endpoints[0].url");
        assertThat(restart.result()).isEqualTo(ReloadOutcome.Result.REFUSED);
        assertThat(restart.problem()).startsWith("server.port changed and takes a restart; nothing was applied");
        assertThat(fleet.names()).containsExactly("a");
        assertThat(source.applied).isZero();
    }

    @Test
    void shouldRefuseAWholeFileThatNamesANodeOfAnotherOrigin() {
        // Given: c came over the admin API; the file adds d and a second c
        membership.join(node("c", 1, 0), NodeOrigin.ADMIN);
        source.next = () -> settings(List.of(node("d", 1, 0), node("c", 1, 0)), List.of());

        // When
        ReloadOutcome outcome = reconfiguration.reload("test");

        // Then: not even d joined
        assertThat(outcome.result()).isEqualTo(ReloadOutcome.Result.REFUSED);
        assertThat(outcome.problem()).contains("node 'c'");
        assertThat(fleet.names()).containsExactly("c");
    }

    @Test
    void shouldPutNewKeysAndANewBalancerInPlaceAndSayNothingChangedTheSecondTime() {
        // Given: an open API
        ApiKey key = new ApiKey("webui", KeyRing.sha256(KEY), Optional.of(new RateLimit(1, Duration.ofMinutes(1), 1)),
                List.of());
        ModelRoutes alias = new ModelRoutes(List.of(new ModelRoutes.Route(ModelName.of("chat"), "chat", "llama3.2",
                List.of(), Set.of(), Map.of(), false)));
        source.next = () -> new Settings(List.of(), new KeyRing(List.of(key)), new KeyRing(List.of()),
                Optional.of(new RateLimit(100, Duration.ofSeconds(1), 100)), Optional.empty(), new Last(), "last",
                alias,
                RetryPolicy.of(3, Duration.ofSeconds(1)));
        source.own = List.of("timeouts");

        // When
        ReloadOutcome first = reconfiguration.reload("test");
        ReloadOutcome second = reconfiguration.reload("test");

        // Then
        assertThat(first.changes()).containsExactly("api_keys", "rate_limits", "load_balancer=last", "models",
                "max_attempts=3", "timeouts");
        assertThat(routes.standsFor(ModelName.of("chat"))).isEqualTo(ModelName.of("llama3.2"));
        assertThat(second.result()).isEqualTo(ReloadOutcome.Result.UNCHANGED);
        assertThat(access.api(KEY, () -> "10.0.0.1").caller()).isPresent();
        assertThatThrownBy(() -> access.api(null, () -> "10.0.0.1"))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(source.applied).isEqualTo(2);
    }

    private static Settings settings(List<Node> nodes, List<ApiKey> keys) {
        return new Settings(nodes, new KeyRing(keys), new KeyRing(List.of()), Optional.empty(), Optional.empty(),
                new First(), "first", new ModelRoutes(List.of()), RetryPolicy.of(1, Duration.ofSeconds(1)));
    }

    private static Node node(String name, int weight, int maxConcurrency) {
        return new Node(name, URI.create("http://127.0.0.1:1/"), NodeType.OLLAMA, 0, maxConcurrency,
                Duration.ofSeconds(5), Duration.ofSeconds(2), null, null, weight, 1, Map.of());
    }

    private static final class Source implements SettingsSource {

        Supplier<Settings> next;
        int applied;
        /** What the source changes itself on the next {@code applied} (the engine's timeouts). */
        List<String> own = List.of();

        @Override
        public Settings read() {
            return next.get();
        }

        @Override
        public List<String> applied() {
            applied++;
            List<String> changed = own;
            own = List.of();
            return changed;
        }
    }

    private static final class First implements NodeSelector {
        @Override
        public Choice select(List<NodeState> candidates, ModelName model) {
            return new Choice(candidates.get(0), RouteReason.PRIORITY);
        }
    }

    private static final class Last implements NodeSelector {
        @Override
        public Choice select(List<NodeState> candidates, ModelName model) {
            return new Choice(candidates.get(candidates.size() - 1), RouteReason.PRIORITY);
        }
    }
}
