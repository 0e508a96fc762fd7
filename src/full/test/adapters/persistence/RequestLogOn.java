package adapters.persistence;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway with the request log turned on (it is off by default), on the embedded H2 database. */
public class RequestLogOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("database.request_log.enabled", "true");
    }
}
