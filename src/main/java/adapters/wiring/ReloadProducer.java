package adapters.wiring;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import adapters.cli.ConfigPreflight;
import adapters.engine.ExchangeTimeouts;
import adapters.metrics.DroverMetrics;
import core.access.Authorization;
import core.fleet.FleetMembership;
import core.routing.RequestRouter;
import core.settings.InvalidSettingsException;
import core.settings.Reconfiguration;
import core.settings.Settings;
import ports.in.ReloadConfigUseCase;
import ports.out.SettingsSource;

/** Builds the reload use case over the config.yaml the gateway started with ({@code drover.config.file}). */
@ApplicationScoped
class ReloadProducer {

    /** Set by the launcher to the config.yaml it started the gateway with. */
    static final String FILE_PROPERTY = "drover.config.file";

    @Produces
    @Singleton
    ReloadConfigUseCase reload(FleetMembership membership, Authorization access, RequestRouter router,
            DroverMetrics metrics, ExchangeTimeouts timeouts, SyncPlan plan) {
        SettingsSource source = configFile().<SettingsSource>map(file -> {
            Map<String, String> started = ConfigPreflight.started();
            return new ConfigFileSettings(file, started != null ? started : ConfigFileSettings.written(file),
                    timeouts, plan);
        }).orElse(NO_FILE);
        return new Reconfiguration(source, membership, access, router, new ReloadLog(metrics));
    }

    static Optional<Path> configFile() {
        return ConfigProvider.getConfig().getOptionalValue(FILE_PROPERTY, String.class).map(Path::of);
    }

    private static final SettingsSource NO_FILE = new SettingsSource() {
        @Override
        public Settings read() {
            throw new InvalidSettingsException("the gateway was started without a config file; there is nothing to"
                    + " reload (start it with --config or DROVER_CONFIG)");
        }

        @Override
        public List<String> applied() {
            return List.of();
        }
    };
}
