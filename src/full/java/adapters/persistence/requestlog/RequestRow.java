package adapters.persistence.requestlog;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import core.journal.RequestRecord;

/** One row of the request log (table {@code request_log}, see db/migration): the access-line fields, no content. */
@Entity
@Table(name = "request_log")
public class RequestRow {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "request_log_seq")
    @SequenceGenerator(name = "request_log_seq", sequenceName = "request_log_seq", allocationSize = 50)
    public Long id;

    @Column(name = "request_id", nullable = false, length = 128)
    public String requestId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "key_name", length = 128)
    public String keyName;

    @Column(nullable = false, length = 128)
    public String route;

    @Column(length = 256)
    public String model;

    @Column(length = 128)
    public String endpoint;

    @Column(nullable = false)
    public int status;

    @Column(name = "duration_ms", nullable = false)
    public long durationMillis;

    @Column(name = "first_byte_ms", nullable = false)
    public long firstByteMillis;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "prompt_tokens", nullable = false)
    public long promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    public long completionTokens;

    @Column(name = "load_ms", nullable = false)
    public long loadMillis;

    @Column(name = "generation_ns", nullable = false)
    public long generationNanos;

    @Column(name = "route_reason", length = 32)
    public String routeReason;

    @Column(name = "cold_start", nullable = false)
    public boolean coldStart;

    @Column(name = "affinity", length = 8)
    public String affinity;

    @Column(name = "served_model", length = 256)
    public String servedModel;

    @Column(name = "fallback", nullable = false)
    public boolean fallback;

    public static RequestRow of(RequestRecord r) {
        RequestRow row = new RequestRow();
        row.requestId = cut(r.requestId(), 128);
        row.startedAt = r.startedAt();
        row.keyName = cut(r.keyName(), 128);
        row.route = cut(r.route(), 128);
        row.model = cut(r.model(), 256);
        row.endpoint = cut(r.endpoint(), 128);
        row.status = r.status();
        row.durationMillis = r.durationMillis();
        row.firstByteMillis = r.firstByteMillis();
        row.attempts = r.attempts();
        row.promptTokens = r.promptTokens();
        row.completionTokens = r.completionTokens();
        row.loadMillis = r.loadMillis();
        row.generationNanos = r.generationNanos();
        row.routeReason = r.routeReason();
        row.coldStart = r.coldStart();
        row.affinity = r.affinity();
        row.servedModel = cut(r.servedModel(), 256);
        row.fallback = r.fallback();
        return row;
    }

    public RequestRecord toRecord() {
        return new RequestRecord(requestId, startedAt, keyName, route, model, endpoint, status, durationMillis,
                firstByteMillis, attempts, promptTokens, completionTokens, loadMillis, generationNanos, routeReason,
                coldStart, affinity, servedModel, fallback);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
