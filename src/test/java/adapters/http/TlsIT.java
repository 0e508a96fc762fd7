package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(TlsGateway.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class TlsIT {

    @TestHTTPResource(value = "/", tls = true)
    URL root;

    @Test
    void shouldServeTheApiOverHttpsWithTheConfiguredCertificate() throws Exception {
        // Given: a client that trusts the generated certificate
        HttpClient client = HttpClient.newBuilder().sslContext(trusting()).build();

        // When
        HttpResponse<String> tags = client.send(HttpRequest.newBuilder(URI.create(root + "api/tags")).build(),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(root.getProtocol()).isEqualTo("https");
        assertThat(tags.statusCode()).isEqualTo(200);
        assertThat(tags.body()).contains("llama3.2:latest");
        assertThat(client.send(HttpRequest.newBuilder(URI.create(root + "api/chat")).POST(HttpRequest.BodyPublishers
                .ofString("{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"done\":true");
    }

    @Test
    void shouldRefuseClientsThatDoNotTrustTheCertificate() {
        // When / Then
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root
                + "api/tags")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TlsGateway.DIR.resolve("drover-truststore.p12"))) {
            store.load(in, TlsGateway.PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
