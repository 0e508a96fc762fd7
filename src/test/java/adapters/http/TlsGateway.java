package adapters.http;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import testsupport.HttpsNodes;

/**
 * The gateway serving HTTPS from a certificate generated for the test, redirecting plain HTTP to it, and trusting
 * the private CA of one of its two HTTPS nodes ({@link HttpsNodes}).
 */
public class TlsGateway implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("server.tls.cert_file", HttpsNodes.DIR.resolve("drover.crt").toString(),
                "server.tls.key_file", HttpsNodes.DIR.resolve("drover.key").toString(),
                "server.tls.plain_http", "redirect",
                // a fixed port: Quarkus writes a random port into the redirect as -2
                "quarkus.http.test-ssl-port", "11504");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(HttpsNodes.class));
    }
}
