package adapters.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A spent single-use enrollment token (table {@code used_token}), kept until it would have expired anyway. */
@Entity
@Table(name = "used_token")
public class UsedTokenRow {

    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
