package adapters.metrics;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.prometheus.client.exemplars.ExemplarSampler;

/**
 * The Prometheus registry without exemplars. With OpenTelemetry in the build, Quarkus gives the registry a sampler
 * that looks up the current span on every recorded value; Drover makes none of its spans current, so that lookup
 * never found a trace and only cost each proxied request about 1% of the event loops' time (async-profiler, the
 * default configuration at 64 connections). Traces and metrics meet by the request id instead.
 */
@Singleton
class NoExemplars {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Optional<ExemplarSampler> none() {
        return Optional.empty();
    }
}
