package adapters.config;

/** A config.yaml value that cannot be used; the message names the key and the value. */
public final class InvalidConfigException extends RuntimeException {

    public InvalidConfigException(String key, Object value, String reason) {
        super("invalid config: " + key + " = '" + value + "': " + reason);
    }
}
