package adapters.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code server:} in config.yaml. {@code host} and {@code port} feed Quarkus' HTTP server. */
@ConfigMapping(prefix = "server", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ServerConfig {

    @WithDefault("0.0.0.0")
    String host();

    @WithDefault("11435")
    int port();

    /**
     * Largest request body accepted on proxied routes (413 beyond); Quarkus size syntax: 32M, 1G. Room for a chat with
     * several base64-encoded photos.
     */
    @WithDefault("32M")
    MemorySize maxBodySize();

    /**
     * Most request-body bytes held in memory at once, over all requests (bodies up to 16 KB are not counted). A larger
     * body waits for room, its upload paused, and gets 503 after {@code body_timeout} without it. At least
     * {@code max_body_size}.
     */
    @WithDefault("64M")
    MemorySize bodyMemory();

    /**
     * Where request bodies over 16 KB are written while they arrive (one file each, out of the directory as soon as it
     * is open, so that they sit in the kernel's page cache rather than in the gateway's memory); the system's temporary
     * directory when unset.
     */
    Optional<String> bodyTempPath();

    /** Most request headers accepted (431 beyond). */
    @WithDefault("100")
    int maxHeaderCount();

    /** Largest total size of the request headers (431 beyond; enforced by the HTTP server). */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /** Longest request line (414 beyond; enforced by the HTTP server). */
    @WithDefault("8192")
    int maxRequestLine();

    /**
     * Longest silence while a client sends its request body; a client that stalls gets 408 and the connection closes
     * (a slow but steady upload is never cut).
     */
    @WithDefault("30s")
    Duration bodyTimeout();

    /**
     * A connection with no request under way (one that has not sent a whole request head, or sits idle between
     * requests) is closed after this long without a byte. Never applies while a request is being answered.
     */
    @WithDefault("30s")
    Duration headerTimeout();

    /**
     * Most client connections open at once; new ones beyond are closed as soon as they are accepted. Each proxied
     * request also holds a connection to its node, so keep twice this under the process' file-descriptor limit.
     */
    @WithDefault("8192")
    int maxConnections();

    /** HTTPS from PEM files (mapped onto Quarkus' TLS settings in application.properties). */
    Optional<Tls> tls();

    /**
     * The certificate (chain) and its private key; HTTPS is served on {@code port}; {@code plain_http} says what
     * happens on {@code server.port}: {@code enabled}, {@code redirect} (to HTTPS) or {@code disabled}.
     */
    interface Tls {

        // Optional without defaults, so that an absent tls: block stays absent.
        Optional<String> certFile();

        Optional<String> keyFile();

        /** Default 11443. */
        Optional<Integer> port();

        /** Default {@code enabled}. */
        Optional<String> plainHttp();
    }

    /**
     * On SIGTERM: how long requests in flight (and queued) may take to finish while new ones get 503 and readiness
     * reports down. Below Kubernetes' default 30 s grace period, so the pod is not killed mid-drain.
     */
    @WithDefault("25s")
    Duration drainTimeout();
}
