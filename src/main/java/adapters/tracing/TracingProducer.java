package adapters.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.StartupEvent;

import adapters.config.TracingConfig;
import ports.out.RequestTracer;

/**
 * OpenTelemetry spans when {@code tracing.enabled}; otherwise a tracer that does nothing. The SDK itself checks the
 * protocol, endpoint and ratio as it starts (the launcher reports its complaints as config errors).
 */
@ApplicationScoped
class TracingProducer {

    private static final Logger LOG = Logger.getLogger("drover");

    @Produces
    @Singleton
    RequestTracer tracer(TracingConfig config, Instance<OpenTelemetry> openTelemetry) {
        return config.enabled() ? new OtelRequestTracer(openTelemetry.get()) : RequestTracer.OFF;
    }

    void announce(@Observes StartupEvent started, TracingConfig config) {
        if (config.enabled()) {
            LOG.infof("tracing: OpenTelemetry spans to %s (%s), %.0f%% of new traces sampled", config.endpoint(),
                    config.protocol(), config.sampleRatio() * 100);
        }
    }
}
