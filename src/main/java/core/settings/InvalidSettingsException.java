package core.settings;

/** The configuration as it now reads is not valid; {@code message} names the key and what is wrong with it. */
public class InvalidSettingsException extends RuntimeException {

    public InvalidSettingsException(String message) {
        super(message);
    }
}
