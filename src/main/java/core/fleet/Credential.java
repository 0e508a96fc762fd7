package core.fleet;

import java.util.Objects;

/**
 * The header Drover sends to authenticate itself to a node ({@code Authorization: Bearer ...} or a custom header).
 * Its value is a secret: {@link #toString()} never shows it, so it cannot leak through logs or error messages.
 */
public record Credential(String headerName, String value) {

    public Credential {
        if (headerName == null || headerName.isBlank()) {
            throw new IllegalArgumentException("credential header name must not be empty");
        }
        Objects.requireNonNull(value, "value");
    }

    public static Credential bearer(String token) {
        return new Credential("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
        return "Credential[" + headerName + ": <redacted>]";
    }
}
