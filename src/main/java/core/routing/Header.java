package core.routing;

/** One HTTP header line; names keep the sender's spelling, comparisons ignore case. */
public record Header(String name, String value) {

    public Header {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        value = value == null ? "" : value;
    }
}
