package adapters.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** What each {@code proxy.tls} setting lets Drover's node clients reach: a node with a self-signed certificate. */
class OutboundTlsTest {

    private static final Path DIR = Path.of("target", "tls-outbound");
    private static Vertx vertx;
    private static WireMockServer node;

    @BeforeAll
    static void startNode() throws Exception {
        Files.createDirectories(DIR);
        new CertificateGenerator(DIR, true).generate(new CertificateRequest().withName("node").withCN("localhost")
                .withFormats(List.of(Format.PEM, Format.PKCS12)).withPassword("changeit"));
        node = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(DIR.resolve("node-keystore.p12").toString()).keystoreType("PKCS12")
                .keystorePassword("changeit").keyManagerPassword("changeit"));
        node.start();
        node.stubFor(get("/api/version").willReturn(aResponse().withBody("{\"version\":\"0.12.6\"}")));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        node.stop();
        vertx.close();
    }

    @Test
    void shouldTrustANodeSignedByTheConfiguredCa() throws Exception {
        assertThat(status(tls(Optional.of(DIR.resolve("node-ca.crt").toString()), false))).isEqualTo(200);
    }

    @Test
    void shouldRefuseASelfSignedNodeByDefault() {
        assertThatThrownBy(() -> status(tls(Optional.empty(), false))).hasRootCauseInstanceOf(
                java.security.cert.CertPathBuilderException.class);
    }

    @Test
    void shouldReachAnyNodeWhenVerificationIsSwitchedOff() throws Exception {
        assertThat(status(tls(Optional.empty(), true))).isEqualTo(200);
    }

    @Test
    void shouldRefuseToStartWithACaFileItCannotRead() {
        assertThatThrownBy(() -> tls(Optional.of(DIR.resolve("missing.crt").toString()), false))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("proxy.tls.ca_file");
    }

    private static OutboundTls tls(Optional<String> caFile, boolean insecure) {
        return new OutboundTls(new ProxyConfig.Tls() {
            @Override
            public Optional<String> caFile() {
                return caFile;
            }

            @Override
            public boolean insecureSkipVerify() {
                return insecure;
            }
        });
    }

    private static int status(OutboundTls tls) throws Exception {
        HttpClient client = vertx.createHttpClient(tls.apply(new HttpClientOptions()));
        try {
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost")
                    .setPort(node.httpsPort()).setSsl(true).setURI("/api/version"))
                    .compose(request -> request.send()).map(response -> response.statusCode())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }
}
