package adapters.discovery;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import adapters.config.DiscoveryConfig;
import core.fleet.Node;

/** A discovered node as {@code discovery.kubernetes.node} describes every one: name, address and port filled in. */
final class NodeTemplate {

    private final DiscoveryConfig.NodeTemplate template;

    NodeTemplate(DiscoveryConfig.NodeTemplate template) {
        this.template = template;
    }

    /** The node at {@code address} (an IPv4 or IPv6 literal) and {@code port}; {@code zone} (may be null) as a label. */
    Node node(String name, String address, int port, String zone) {
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        Map<String, String> labels = new TreeMap<>(template.labels());
        if (zone != null && Node.PLAIN_NAME.matcher(zone).matches()) {
            labels.putIfAbsent("zone", zone);
        }
        return new Node(name, URI.create("http://" + host + ":" + port), template.type(), template.priority(),
                template.maxConcurrency(), template.checkInterval(), template.checkTimeout(), null, null,
                template.weight(), template.numParallel(), labels);
    }

    /** {@code preferred} when it is a valid node name, else {@code prefix-<address with '-' for '.' and ':'>}. */
    static String name(String preferred, String prefix, String address) {
        if (preferred != null && Node.PLAIN_NAME.matcher(preferred).matches()) {
            return preferred;
        }
        String made = prefix + "-" + address.replace('.', '-').replace(':', '-');
        return made.length() > 63 ? made.substring(made.length() - 63).replaceFirst("^[^A-Za-z0-9]+", "") : made;
    }
}
