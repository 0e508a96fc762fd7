package adapters.tracing;

import java.net.URI;
import java.net.URISyntaxException;

import adapters.config.InvalidConfigException;
import adapters.config.TracingConfig;

/**
 * The rules of {@code tracing:} in config.yaml, applied before the framework starts by {@code drover serve} and
 * {@code drover config check}, so a mistake is reported in config.yaml's terms before the OpenTelemetry SDK, which
 * checks the same values while it starts, would stop the boot with its own words.
 */
public final class TracingChecks {

    private TracingChecks() {
    }

    public static void check(TracingConfig config) {
        if (!config.enabled()) {
            return;
        }
        if (!config.protocol().equals("grpc") && !config.protocol().equals("http/protobuf")) {
            throw new InvalidConfigException("tracing.protocol", config.protocol(), "expected grpc or http/protobuf");
        }
        if (!(config.sampleRatio() >= 0 && config.sampleRatio() <= 1)) {
            throw new InvalidConfigException("tracing.sample_ratio", config.sampleRatio(),
                    "expected a number from 0 to 1");
        }
        try {
            URI endpoint = new URI(config.endpoint());
            if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    || endpoint.getHost() == null) {
                throw new URISyntaxException(config.endpoint(), "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigException("tracing.endpoint", config.endpoint(),
                    "expected the collector's http(s) URL, like http://localhost:4317");
        }
    }
}
