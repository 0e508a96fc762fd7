package adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code tracing:} in config.yaml: OpenTelemetry spans of proxied requests, exported over OTLP. Off by default;
 * these values also feed Quarkus' OpenTelemetry settings ({@code quarkus.otel.*}).
 */
@ConfigMapping(prefix = "tracing", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface TracingConfig {

    @WithDefault("false")
    boolean enabled();

    /** The OTLP collector: port 4317 for {@code grpc}, 4318 for {@code http/protobuf}. */
    @WithDefault("http://localhost:4317")
    String endpoint();

    /** {@code grpc} or {@code http/protobuf}. */
    @WithDefault("grpc")
    String protocol();

    /** The share of new traces kept, 0 to 1; a request that arrives inside a trace follows its caller's choice. */
    @WithDefault("1.0")
    double sampleRatio();

    /** {@code service.name} of the spans. */
    @WithDefault("drover")
    String serviceName();
}
