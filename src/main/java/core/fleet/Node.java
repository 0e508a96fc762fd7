package core.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A node of the fleet as configured or discovered. Priority: a higher number wins (the opposite of Envoy's
 * convention). {@code maxConcurrency} 0 means no limit. {@code healthPath} is where an OpenAI-compatible node is
 * probed (null: {@code /v1/models}); {@code credential} (null: none) is sent with every request to the node.
 * {@code weight} (at least 1) is the node's share relative to others (a 3 gets three times a 1's traffic);
 * {@code numParallel} (at least 1) is how many requests per loaded model the node runs at once (Ollama's
 * OLLAMA_NUM_PARALLEL, 1 by default), which the warm-first balancer counts on. {@code labels} describe the node
 * ({@code gpu: a100}) so model routes can keep a model to some nodes; keys and values are {@link #PLAIN_NAME}s.
 */
public record Node(String name, URI url, NodeType type, int priority, int maxConcurrency,
        Duration checkInterval, Duration checkTimeout, String healthPath, Credential credential, int weight,
        int numParallel, Map<String, String> labels) {

    /** Ollama's OLLAMA_NUM_PARALLEL default since 0.10: one request per loaded model at a time. */
    public static final int DEFAULT_NUM_PARALLEL = 1;

    /**
     * The names nodes that join at run time (admin API, heartbeat, relay) may take: letters, digits, '.', '_' and
     * '-', up to 63, safe in URLs, headers and metric labels.
     */
    public static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** The URL scheme of nodes that dialed in over the relay ({@code relay://<name>}). */
    public static final String RELAY_SCHEME = "relay";

    /** A node that dialed in: reached over its link, not over HTTP to its URL. */
    public static Node relayed(String name, int maxConcurrency) {
        return new Node(name, URI.create(RELAY_SCHEME + "://" + name), NodeType.OLLAMA, 0, maxConcurrency,
                Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    /** How a node is reached: over HTTP to its URL, or over the relay link it opened. */
    public enum Connector {
        HTTP, RELAY
    }

    public Connector connector() {
        return RELAY_SCHEME.equals(url.getScheme()) ? Connector.RELAY : Connector.HTTP;
    }

    public boolean viaRelay() {
        return connector() == Connector.RELAY;
    }

    /** The default probe path of an OpenAI-compatible node: listing models is the one call they all serve. */
    public static final String OPENAI_HEALTH_PATH = "/v1/models";

    public Node(String name, URI url, NodeType type, int priority, int maxConcurrency,
            Duration checkInterval, Duration checkTimeout) {
        this(name, url, type, priority, maxConcurrency, checkInterval, checkTimeout, null, null);
    }

    public Node(String name, URI url, NodeType type, int priority, int maxConcurrency,
            Duration checkInterval, Duration checkTimeout, String healthPath, Credential credential) {
        this(name, url, type, priority, maxConcurrency, checkInterval, checkTimeout, healthPath, credential, 1,
                DEFAULT_NUM_PARALLEL);
    }

    public Node(String name, URI url, NodeType type, int priority, int maxConcurrency, Duration checkInterval,
            Duration checkTimeout, String healthPath, Credential credential, int weight, int numParallel) {
        this(name, url, type, priority, maxConcurrency, checkInterval, checkTimeout, healthPath, credential, weight,
                numParallel, Map.of());
    }

    /** The same node with another weight and parallel slot count. */
    public Node withCapacity(int newWeight, int newNumParallel) {
        return new Node(name, url, type, priority, maxConcurrency, checkInterval, checkTimeout, healthPath,
                credential, newWeight, newNumParallel, labels);
    }

    /** The same node described by {@code newLabels}. */
    public Node withLabels(Map<String, String> newLabels) {
        return new Node(name, url, type, priority, maxConcurrency, checkInterval, checkTimeout, healthPath,
                credential, weight, numParallel, newLabels);
    }

    /** Whether the node carries every one of {@code wanted} with the same value. */
    public boolean hasLabels(Map<String, String> wanted) {
        for (Map.Entry<String, String> label : wanted.entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public Node {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be empty");
        }
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()) || RELAY_SCHEME.equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException("endpoint url must be an absolute http(s) URL: " + url);
        }
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("max_concurrency must not be negative: " + maxConcurrency);
        }
        if (weight < 1 || weight > 1000) {
            throw new IllegalArgumentException("weight must be 1-1000: " + weight);
        }
        if (numParallel < 1 || numParallel > 1000) {
            throw new IllegalArgumentException("num_parallel must be 1-1000: " + numParallel);
        }
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!PLAIN_NAME.matcher(label.getKey()).matches() || !PLAIN_NAME.matcher(label.getValue()).matches()) {
                throw new IllegalArgumentException("labels: '" + label.getKey() + ": " + label.getValue()
                        + "': keys and values are letters, digits, '.', '_' and '-', up to 63");
            }
        }
        requirePositive("check_interval", checkInterval);
        requirePositive("check_timeout", checkTimeout);
        healthPath = healthPath == null || healthPath.isBlank() ? OPENAI_HEALTH_PATH : healthPath;
        if (!healthPath.startsWith("/")) {
            throw new IllegalArgumentException("health_path must start with '/': " + healthPath);
        }
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    /**
     * From the name and URL only (both cache their hash): the transport looks its pools up by node for every request,
     * and a record's hash of all twelve fields (labels and durations included) showed in its profile. Nodes that are
     * equal have equal names and URLs, so this agrees with the record's {@code equals}.
     */
    @Override
    public int hashCode() {
        return 31 * name.hashCode() + url.hashCode();
    }

    /** The port to connect to, with the scheme's default when the URL names none. */
    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    /**
     * Where a request path goes on this node. Paths are written as the server's own root sees them
     * ({@code /api/chat}, {@code /v1/models}, {@code /health}); a URL path in the config is the prefix under which
     * that server is reached, and a trailing {@code /v1} in it (the usual way OpenAI base URLs are written) is
     * the OpenAI layer itself, so {@code http://h:8000/v1} and {@code http://h:8000} reach the same paths.
     */
    public String path(String requestPath) {
        return rootPath() + requestPath;
    }

    private String rootPath() {
        String path = url.getRawPath();
        if (path == null) {
            return "";
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.endsWith("/v1") ? path.substring(0, path.length() - 3) : path;
    }

    /** Shows everything but the credential's value. */
    @Override
    public String toString() {
        return "Node[name=" + name + ", url=" + url + ", type=" + type + ", priority=" + priority
                + ", maxConcurrency=" + maxConcurrency + ", checkInterval=" + checkInterval + ", checkTimeout="
                + checkTimeout + ", healthPath=" + healthPath + ", credential=" + credential + ", weight=" + weight
                + ", numParallel=" + numParallel + ", labels=" + labels + "]";
    }
}
