package adapters.tracing;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway with tracing on; its spans are kept in memory by {@link RecordedSpans} for the tests to read (the OTLP
 * export itself is tested on the packaged jar, by {@code TracingPackagedIT}).
 */
public class TracedGateway implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tracing.enabled", "true", "tracing.service_name", "drover-under-test");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordedSpans.class);
    }
}
