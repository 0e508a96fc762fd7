package adapters.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;

/** The gateway serving HTTPS only, from a self-signed certificate generated for the test. */
public class TlsGateway implements QuarkusTestProfile {

    static final Path DIR = Path.of("target", "tls-test");
    static final String PASSWORD = "changeit";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            java.nio.file.Files.createDirectories(DIR);
            new CertificateGenerator(DIR, true).generate(new CertificateRequest().withName("drover")
                    .withCN("localhost").withSubjectAlternativeName("IP:127.0.0.1")
                    .withFormats(List.of(Format.PEM, Format.PKCS12)).withPassword(PASSWORD));
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the test certificate", e);
        }
        return Map.of("server.tls.cert_file", DIR.resolve("drover.crt").toString(),
                "server.tls.key_file", DIR.resolve("drover.key").toString(),
                "server.tls.plain_http", "disabled",
                "quarkus.http.test-ssl-port", "0");
    }
}
