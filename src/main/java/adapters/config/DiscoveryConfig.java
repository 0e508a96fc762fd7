package adapters.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import core.fleet.NodeType;

/** {@code discovery:} in config.yaml: where nodes come from, how they are checked, how often models are re-read. */
@ConfigMapping(prefix = "discovery", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface DiscoveryConfig {

    @WithDefault("30s")
    Duration modelRefreshInterval();

    Health health();

    @WithName("static")
    Static statics();

    Relay relay();

    Kubernetes kubernetes();

    /**
     * {@code discovery.kubernetes}: nodes followed in the cluster, through the API (the ready endpoints of a Service's
     * EndpointSlices) or through DNS (a headless Service's addresses, re-resolved).
     */
    interface Kubernetes {

        @WithDefault("false")
        boolean enabled();

        @WithDefault("api")
        KubernetesMode mode();

        /** api: the Service whose EndpointSlices are followed. */
        Optional<String> service();

        /** api: or EndpointSlices carrying these labels ({@code app=ollama,tier=gpu}; equality only). */
        Optional<String> labelSelector();

        /** api: the namespace (default: the gateway's own, from its service account). */
        Optional<String> namespace();

        /** The nodes' port: its name or number in the EndpointSlice (api), its number (dns). Default: 11434. */
        Optional<String> port();

        /** api: how often the whole list is re-read besides the watch. */
        @WithDefault("5m")
        Duration resyncInterval();

        /** dns: the headless Service's name, such as {@code ollama.llm.svc.cluster.local}. */
        Optional<String> dnsName();

        /** dns: how often the name is resolved again. */
        @WithDefault("10s")
        Duration dnsInterval();

        /** dns: the DNS server as {@code host:port} (default: the system's first nameserver). */
        Optional<String> dnsServer();

        /** What every discovered node is, as an endpoint of {@code discovery.static} would say it. */
        NodeTemplate node();
    }

    /** How {@code discovery.kubernetes} finds nodes. */
    enum KubernetesMode {
        API, DNS
    }

    /**
     * What a node is: a static endpoint's settings, and {@code discovery.kubernetes.node}, which every discovered node
     * shares.
     */
    interface NodeTemplate {

        @WithDefault("ollama")
        NodeType type();

        @WithDefault("0")
        int priority();

        @WithDefault("0")
        int maxConcurrency();

        /** The node's share relative to others (1-1000): a 3 gets three times the traffic of a 1. */
        @WithDefault("1")
        int weight();

        /** Requests per loaded model the node runs at once: its OLLAMA_NUM_PARALLEL (Ollama's default is 1). */
        @WithDefault("1")
        int numParallel();

        @WithDefault("5s")
        Duration checkInterval();

        @WithDefault("2s")
        Duration checkTimeout();

        /** What describes the node ({@code gpu: a100}), for {@code models[].labels}. */
        Map<String, String> labels();
    }

    /** {@code discovery.health}: thresholds shared by all nodes. */
    interface Health {

        /** Consecutive failed probes that mark an UP node DOWN. */
        @WithDefault("2")
        int unhealthyThreshold();

        /** Consecutive good probes that bring a DOWN node back UP. */
        @WithDefault("1")
        int healthyThreshold();

        /** Cap of the exponential back-off between probes of a DOWN node. */
        @WithDefault("60s")
        Duration maxBackoff();
    }

    /** {@code discovery.static}: nodes listed in config.yaml. */
    interface Static {

        Optional<List<EndpointConfig>> endpoints();
    }

    /** One entry of {@code discovery.static.endpoints}: a node's address and name, and what it is. */
    interface EndpointConfig extends NodeTemplate {

        String name();

        String url();

        /** Probe path of an OpenAI-compatible node (default {@code /v1/models}; vLLM and llama.cpp: /health). */
        Optional<String> healthPath();

        /** How Drover authenticates to this node, if it asks. */
        Optional<Auth> auth();
    }

    /**
     * {@code auth:} of one endpoint. The token comes from {@code token} (which may be {@code ${ENV_VAR}}) or from
     * {@code token_file}; it is sent as {@code Authorization: Bearer <token>} or, for {@code type: header}, as
     * {@code <header_name>: <token>}.
     */
    interface Auth {

        @WithDefault("bearer")
        AuthType type();

        Optional<String> token();

        Optional<String> tokenFile();

        Optional<String> headerName();
    }

    /** How a node expects its token. */
    enum AuthType {
        BEARER, HEADER
    }

    /** {@code discovery.relay}: nodes that dial in (the link itself is not in this build yet). */
    interface Relay {

        @WithDefault("false")
        boolean enabled();

        /** Signs enrollment tokens (HMAC-SHA256); at least 32 bytes; write {@code ${ENV_VAR}} to keep it out of files. */
        Optional<String> secret();

        /** A node registered by heartbeat that has not beaten for this long is not routable. */
        @WithDefault("30s")
        Duration heartbeatTtl();

        /** ... and after this long it is removed from the fleet. */
        @WithDefault("5m")
        Duration heartbeatExpiry();
    }
}
