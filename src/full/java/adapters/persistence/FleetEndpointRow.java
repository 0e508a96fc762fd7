package adapters.persistence;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import core.fleet.Node;
import core.fleet.NodeOrigin;
import core.fleet.NodeType;
import core.fleet.SavedFleet.SavedNode;

/** A node that joined at run time (table {@code fleet_endpoint}): its settings, never its credential. */
@Entity
@Table(name = "fleet_endpoint")
public class FleetEndpointRow {

    @Id
    @Column(length = 128)
    public String name;

    @Column(nullable = false, length = 16)
    public String origin;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false, length = 16)
    public String type;

    @Column(nullable = false)
    public int priority;

    @Column(name = "max_concurrency", nullable = false)
    public int maxConcurrency;

    @Column(nullable = false)
    public int weight = 1;

    @Column(name = "num_parallel", nullable = false)
    public int numParallel = 1;

    @Column(name = "check_interval_ms", nullable = false)
    public long checkIntervalMillis;

    @Column(name = "check_timeout_ms", nullable = false)
    public long checkTimeoutMillis;

    @Column(name = "health_path", length = 512)
    public String healthPath;

    @Column(name = "token_id", length = 64)
    public String tokenId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static FleetEndpointRow of(Node endpoint, NodeOrigin origin, String tokenId, Instant now) {
        FleetEndpointRow row = new FleetEndpointRow();
        row.name = endpoint.name();
        row.origin = origin.name();
        row.url = endpoint.url().toString();
        row.type = endpoint.type().name();
        row.priority = endpoint.priority();
        row.maxConcurrency = endpoint.maxConcurrency();
        row.weight = endpoint.weight();
        row.numParallel = endpoint.numParallel();
        row.checkIntervalMillis = endpoint.checkInterval().toMillis();
        row.checkTimeoutMillis = endpoint.checkTimeout().toMillis();
        row.healthPath = endpoint.healthPath();
        row.tokenId = tokenId;
        row.updatedAt = now;
        return row;
    }

    /** The saved node; throws IllegalArgumentException when the row no longer makes a valid node. */
    SavedNode saved() {
        Node endpoint = new Node(name, URI.create(url), NodeType.valueOf(type), priority, maxConcurrency,
                Duration.ofMillis(checkIntervalMillis), Duration.ofMillis(checkTimeoutMillis), healthPath, null, weight,
                numParallel);
        return new SavedNode(endpoint, NodeOrigin.valueOf(origin), tokenId);
    }
}
