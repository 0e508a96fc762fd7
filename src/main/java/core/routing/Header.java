package core.routing;

/** One HTTP header line; names keep the sender's spelling, comparisons ignore case. */
public record Header(String name, String value) {

    public Header {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        value = value == null ? "" : value;
    }

    /**
     * The length a {@code Content-Length} value declares: one whole number (digits only, at most 18 of them, spaces
     * around allowed); -1 for anything else. The one reading of that header, for requests and answers alike.
     */
    public static long length(String value) {
        String digits = value.strip();
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }
}
