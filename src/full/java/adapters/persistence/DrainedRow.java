package adapters.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A node name an operator drained (table {@code drained_endpoint}). */
@Entity
@Table(name = "drained_endpoint")
public class DrainedRow {

    @Id
    @Column(length = 128)
    public String name;

    @Column(name = "drained_at", nullable = false)
    public Instant drainedAt;
}
