package adapters.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import adapters.config.InvalidConfigException;

/** Turns whatever stopped startup into one line a user can act on (the key and value for config errors). */
final class StartupFailure {

    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value \"(.*?)\" threw an Exception"
                    + " (?:whilst being converted|whose message was) \"?(.*?)\"?$");
    private static final Pattern CODE = Pattern.compile("SRCFG\\d+: ");

    private StartupFailure() {
    }

    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigException) {
                return t.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("SRCFG")) {
                return configMessage(message);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "failed to start: " + (root.getMessage() == null ? root.toString() : root.getMessage());
    }

    private static String configMessage(String message) {
        String first = message.lines().filter(l -> l.contains("The config property") || l.contains("SRCFG"))
                .findFirst().orElse(message).strip().replaceFirst("^[\\w.$]+Exception: ", "");
        Matcher m = CONVERSION.matcher(first);
        if (m.find()) {
            return "invalid config: " + m.group(1) + " = '" + m.group(2) + "': " + reason(m.group(3));
        }
        return "invalid config: " + CODE.matcher(first).replaceAll("").replaceFirst("^[\\w.$]+Exception: ", "");
    }

    private static String reason(String detail) {
        String text = CODE.matcher(detail).replaceAll("");
        int allowed = text.indexOf("allowed values:");
        if (allowed >= 0) {
            return "expected one of " + text.substring(allowed + "allowed values:".length()).strip()
                    .replace(",", ", ");
        }
        if (text.startsWith("Invalid duration")) {
            return "expected a duration such as 500ms, 30s or 10m";
        }
        return text;
    }
}
