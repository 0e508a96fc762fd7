package testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;

/**
 * Two Ollama-like nodes served over HTTPS: {@code secure-node} with a certificate from the CA that the gateway
 * is told to trust ({@code proxy.tls.ca_file}), {@code stranger-node} with one nobody trusts. Also writes the
 * gateway's own server certificate.
 */
public class HttpsNodes implements QuarkusTestResourceLifecycleManager {

    public static final Path DIR = Path.of("target", "tls-test");
    public static final String PASSWORD = "changeit";
    private WireMockServer secure;
    private WireMockServer stranger;

    @Override
    public Map<String, String> start() {
        generate("drover");
        generate("stranger");
        secure = node("drover", "secure-model");
        stranger = node("stranger", "stranger-model");
        Map<String, String> config = new HashMap<>();
        endpoint(config, 8, "secure-node", secure);
        endpoint(config, 9, "stranger-node", stranger);
        config.put("proxy.tls.ca_file", DIR.resolve("drover-ca.crt").toString());
        return config;
    }

    /** A self-signed certificate for localhost and 127.0.0.1, as PEM, PKCS#12 key store and trust store. */
    public static void generate(String name) {
        try {
            Files.createDirectories(DIR);
            new CertificateGenerator(DIR, true).generate(new CertificateRequest().withName(name)
                    .withCN("localhost").withSubjectAlternativeName("IP:127.0.0.1")
                    .withFormats(List.of(Format.PEM, Format.PKCS12)).withPassword(PASSWORD));
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the test certificate " + name, e);
        }
    }

    private static WireMockServer node(String certificate, String model) {
        WireMockServer server = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1")
                .keystorePath(DIR.resolve(certificate + "-keystore.p12").toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
        server.start();
        server.stubFor(get("/api/version").willReturn(json("{\"version\":\"0.11.4\"}")));
        server.stubFor(get("/api/tags").willReturn(json("{\"models\":[{\"name\":\"" + model + ":latest\",\"model\":\""
                + model + ":latest\",\"modified_at\":\"2025-01-01T00:00:00Z\",\"size\":1,\"digest\":\"00\","
                + "\"details\":{}}]}")));
        server.stubFor(get("/api/ps").willReturn(json("{\"models\":[]}")));
        server.stubFor(post("/api/chat").willReturn(json("{\"model\":\"" + model + "\",\"created_at\":"
                + "\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"over tls\"},"
                + "\"done\":true,\"done_reason\":\"stop\"}")));
        return server;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void endpoint(Map<String, String> config, int index, String name, WireMockServer server) {
        String key = "discovery.static.endpoints[" + index + "].";
        config.put(key + "name", name);
        config.put(key + "url", "https://localhost:" + server.httpsPort());
        config.put(key + "check_interval", "200ms");
        config.put(key + "check_timeout", "1s");
    }

    @Override
    public void stop() {
        for (WireMockServer server : new WireMockServer[]{secure, stranger}) {
            if (server != null) {
                server.stop();
            }
        }
    }
}
