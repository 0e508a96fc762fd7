package adapters.wiring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import io.smallrye.config.SmallRyeConfig;

import adapters.balancer.SelectorProducer;
import adapters.cli.ConfigPreflight;
import adapters.cli.StartupFailure;
import adapters.config.DiscoveryConfig;
import adapters.config.ModelRouteChecks;
import adapters.config.ModelsConfig;
import adapters.config.ProxyConfig;
import adapters.config.ProxyConfig.BalancerKind;
import adapters.config.SecurityConfig;
import adapters.discovery.DiscoveryChecks;
import adapters.engine.ExchangeTimeouts;
import adapters.http.SecurityChecks;
import core.fleet.Node;
import core.models.ModelPlan;
import core.routing.ModelRoutes;
import core.routing.RetryPolicy;
import core.settings.InvalidSettingsException;
import core.settings.RestartRequiredException;
import core.settings.Settings;
import ports.out.SettingsSource;

/**
 * config.yaml as the running gateway re-reads it: parsed and checked exactly as at startup, then compared key by key
 * with what is running. Only the keys in {@link #RELOADABLE} may differ; any other change of Drover's settings is
 * refused whole, naming the keys. Values are compared as written ({@code ${VAR}} unexpanded; the environment does not
 * change under a running process).
 */
final class ConfigFileSettings implements SettingsSource {

    /** What a reload applies; every other key of config.yaml takes a restart. */
    static final List<String> RELOADABLE = List.of("discovery.static.endpoints", "security.api_keys",
            "security.admin_keys", "security.rate_limits", "proxy.load_balancer", "proxy.first_byte_timeout",
            "proxy.idle_timeout", "proxy.total_timeout", "proxy.max_attempts", "models");

    private final Path file;
    private final ExchangeTimeouts timeouts;
    private Map<String, String> running;
    private Map<String, String> pending;
    private ProxyConfig pendingProxy;
    private ModelPlan pendingPlan;
    private final SyncPlan plan;

    /**
     * {@code file}: the config.yaml the gateway started with; {@code running}: its values as then read;
     * {@code timeouts}: the engine's, and {@code plan}: the model sync's, which a reload replaces.
     */
    ConfigFileSettings(Path file, Map<String, String> running, ExchangeTimeouts timeouts, SyncPlan plan) {
        this.file = Objects.requireNonNull(file, "file");
        this.running = Map.copyOf(running);
        this.timeouts = timeouts;
        this.plan = plan;
    }

    /** The values {@code file} writes now, or none when it cannot be read (the first reload then says why). */
    static Map<String, String> written(Path file) {
        try {
            return ConfigPreflight.reread(file).written();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    @Override
    public synchronized Settings read() {
        ConfigPreflight.Reread reread;
        try {
            reread = ConfigPreflight.reread(file);
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(StartupFailure.describe(e));
        }
        List<String> restart = restartOnly(running, reread.written());
        if (!restart.isEmpty()) {
            throw new RestartRequiredException(restart);
        }
        SmallRyeConfig config = reread.config();
        UnaryOperator<String> raw = key -> config.getConfigValue(key).getRawValue();
        SecurityChecks.Checked keys = SecurityChecks.check(config.getConfigMapping(SecurityConfig.class), raw);
        ProxyConfig proxy = config.getConfigMapping(ProxyConfig.class);
        BalancerKind balancer = proxy.loadBalancer();
        DiscoveryConfig discovery = config.getConfigMapping(DiscoveryConfig.class);
        List<Node> nodes = DiscoveryChecks.check(discovery, raw);
        ModelRoutes routes = ModelRouteChecks.check(config.getConfigMapping(ModelsConfig.class), nodes,
                discovery.kubernetes().enabled());
        pending = reread.written();
        pendingProxy = proxy;
        pendingPlan = ModelRouteChecks.plan(config.getConfigMapping(ModelsConfig.class), nodes,
                discovery.kubernetes().enabled());
        return new Settings(nodes, keys.clients(), keys.admins(), keys.global(), keys.perIp(),
                SelectorProducer.of(balancer), balancer.name().toLowerCase(Locale.ROOT).replace('_', '-'), routes,
                RetryPolicy.of(proxy.maxAttempts(), proxy.firstByteTimeout()));
    }

    @Override
    public synchronized List<String> applied() {
        if (pending == null) {
            return List.of();
        }
        running = pending;
        pending = null;
        List<String> changes = new ArrayList<>(timeouts.replace(pendingProxy));
        changes.addAll(plan.replace(pendingPlan));
        return changes;
    }

    /** The keys that differ between {@code before} and {@code after} and that a reload cannot apply, sorted. */
    static List<String> restartOnly(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key)) && RELOADABLE.stream().noneMatch(key::startsWith)) {
                changed.add(key);
            }
        }
        return changed;
    }
}
