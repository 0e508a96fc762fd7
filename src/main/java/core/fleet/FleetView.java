package core.fleet;

import java.util.Comparator;
import java.util.List;

/**
 * What the gateway knows of its fleet at one moment; {@code queued}: requests waiting for a free node slot;
 * {@code draining}: the gateway is shutting down.
 */
public record FleetView(List<NodeView> endpoints, int queued, boolean draining) {

    public FleetView {
        endpoints = List.copyOf(endpoints);
    }

    public long routableCount() {
        return endpoints.stream().filter(NodeView::routable).count();
    }

    /**
     * The oldest Ollama version any routable node reports, so clients that gate features on {@code /api/version} do
     * not ask for what some node lacks; {@code fallback} when no node has reported one.
     */
    public String lowestVersion(String fallback) {
        return endpoints.stream()
                .filter(e -> e.status().routable() && e.version() != null)
                .map(NodeView::version)
                .min(Comparator.comparing(FleetView::versionKey))
                .orElse(fallback);
    }

    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("[.-]", 4)) {
            String digits = part.replaceAll("\\D.*", "");
            key.append(String.format("%08d",
                    digits.isEmpty() ? 0 : Long.parseLong(digits.substring(0, Math.min(8, digits.length())))));
        }
        return key.toString();
    }
}
