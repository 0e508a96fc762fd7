package core;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A node of the fleet as configured or discovered. Priority: a higher number wins (the opposite of Envoy's
 * convention). {@code maxConcurrency} 0 means no limit.
 */
public record Endpoint(String name, URI url, EndpointType type, int priority, int maxConcurrency,
        Duration checkInterval, Duration checkTimeout) {

    public Endpoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be empty");
        }
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("endpoint url must be an absolute http(s) URL: " + url);
        }
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("max_concurrency must not be negative: " + maxConcurrency);
        }
        requirePositive("check_interval", checkInterval);
        requirePositive("check_timeout", checkTimeout);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    /** The port to connect to, with the scheme's default when the URL names none. */
    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    /** The URL's path without a trailing slash ("" for none), prefixed to every forwarded path. */
    public String basePath() {
        String path = url.getRawPath();
        if (path == null || path.equals("/")) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
