package core.settings;

import java.util.List;

/** The configuration changes settings that only a restart applies ({@code keys}); none of it was applied. */
public class RestartRequiredException extends RuntimeException {

    private final List<String> keys;

    public RestartRequiredException(List<String> keys) {
        super(String.join(", ", keys) + (keys.size() == 1 ? " changed and takes" : " changed and take")
                + " a restart; nothing was applied (restore " + (keys.size() == 1 ? "it" : "them")
                + " to reload the rest, or restart)");
        this.keys = List.copyOf(keys);
    }

    public List<String> keys() {
        return keys;
    }
}
