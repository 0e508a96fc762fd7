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

import testsupport.Gateway;
import testsupport.HttpsNodes;
import testsupport.SimFleet;

@QuarkusTest
@TestProfile(TlsGateway.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class TlsIT {

    @TestHTTPResource(value = "/", tls = true)
    URL root;

    @TestHTTPResource("/")
    URL plain;

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

    @Test
    void shouldRedirectPlainHttpToHttps() throws Exception {
        // When
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(plain
                        + "api/tags?x=1")).build(), HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(plain.getProtocol()).isEqualTo("http");
        assertThat(answer.statusCode()).isBetween(301, 308);
        assertThat(answer.headers().firstValue("Location")).hasValue(root + "api/tags?x=1");
    }

    @Test
    void shouldReachHttpsNodesSignedByTheConfiguredCaAndRefuseOthers() throws Exception {
        // Given: secure-node's certificate is trusted through proxy.tls.ca_file, stranger-node's is not
        HttpClient client = HttpClient.newBuilder().sslContext(trusting()).build();
        Gateway.await("secure-node up and stranger-node down", () -> "up".equals(statusOf(client, "secure-node"))
                && "down".equals(statusOf(client, "stranger-node")));

        // When
        HttpResponse<String> secure = client.send(chat("secure-model"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stranger = client.send(chat("stranger-model"), HttpResponse.BodyHandlers.ofString());

        // Then: the probe and the proxied call both went over verified TLS; the untrusted node was never used
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.body()).contains("over tls");
        assertThat(stranger.statusCode()).isEqualTo(404);
        String status = client.send(HttpRequest.newBuilder(URI.create(root + "internal/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("TLS handshake failed: its certificate is not signed by a CA Drover trusts");
    }

    private HttpRequest chat(String model) {
        return HttpRequest.newBuilder(URI.create(root + "api/chat")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"" + model + "\",\"stream\":false,\"messages\":[]}")).build();
    }

    private String statusOf(HttpClient client, String endpoint) {
        try {
            String body = client.send(HttpRequest.newBuilder(URI.create(root + "internal/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            var nodes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("endpoints");
            for (var node : nodes) {
                if (endpoint.equals(node.path("name").asText())) {
                    return node.path("status").asText();
                }
            }
            return "absent";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(HttpsNodes.DIR.resolve("drover-truststore.p12"))) {
            store.load(in, HttpsNodes.PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
