package adapters.config;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * How Drover's HTTP clients check {@code https://} nodes: the JVM's trust store, a private CA from
 * {@code proxy.tls.ca_file}, or nothing at all with {@code insecure_skip_verify} (warned about on every start).
 */
@ApplicationScoped
@Startup
public class OutboundTls {

    private static final Logger LOG = Logger.getLogger("drover.security");

    private final ProxyConfig.Tls tls;

    @Inject
    OutboundTls(ProxyConfig proxy) {
        this(proxy.tls());
    }

    OutboundTls(ProxyConfig.Tls tls) {
        this.tls = tls;
        if (tls.insecureSkipVerify()) {
            LOG.warn("proxy.tls.insecure_skip_verify is on: certificates of https:// nodes are NOT checked; anyone on"
                    + " the path to a node can read and change its traffic");
        }
        tls.caFile().ifPresent(file -> {
            if (!Files.isReadable(Path.of(file))) {
                throw new InvalidConfigException("proxy.tls.ca_file", file, "cannot read it");
            }
        });
    }

    /** Applies the trust settings to options for clients that talk to nodes. */
    public HttpClientOptions apply(HttpClientOptions options) {
        if (tls.insecureSkipVerify()) {
            return options.setTrustAll(true).setVerifyHost(false);
        }
        tls.caFile().ifPresent(file -> options.setTrustOptions(new PemTrustOptions().addCertPath(file)));
        return options;
    }
}
