package adapters.tracing;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.StartupEvent;

import adapters.config.InvalidConfigException;
import adapters.config.TracingConfig;
import ports.out.RequestTracer;

/** OpenTelemetry spans when {@code tracing.enabled}; otherwise a tracer that does nothing. */
@ApplicationScoped
class TracingProducer {

    private static final Logger LOG = Logger.getLogger("drover");

    @Produces
    @Singleton
    RequestTracer tracer(TracingConfig config, Instance<OpenTelemetry> openTelemetry) {
        return config.enabled() ? new OtelRequestTracer(openTelemetry.get()) : RequestTracer.OFF;
    }

    /** A bad tracing block stops start-up with one line naming the key, as every config error does. */
    void check(@Observes StartupEvent started, TracingConfig config) {
        if (!config.enabled()) {
            return;
        }
        if (!TracingConfig.GRPC.equals(config.protocol()) && !TracingConfig.HTTP_PROTOBUF.equals(config.protocol())) {
            throw new InvalidConfigException("tracing.protocol", config.protocol(),
                    "must be " + TracingConfig.GRPC + " or " + TracingConfig.HTTP_PROTOBUF);
        }
        if (!(config.sampleRatio() >= 0 && config.sampleRatio() <= 1)) {
            throw new InvalidConfigException("tracing.sample_ratio", config.sampleRatio(), "must be from 0 to 1");
        }
        try {
            URI endpoint = new URI(config.endpoint());
            if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    || endpoint.getHost() == null) {
                throw new URISyntaxException(config.endpoint(), "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigException("tracing.endpoint", config.endpoint(),
                    "must be the collector's http(s) URL, like http://localhost:4317");
        }
        LOG.infof("tracing: OpenTelemetry spans to %s (%s), %.0f%% of new traces sampled", config.endpoint(),
                config.protocol(), config.sampleRatio() * 100);
    }
}
