package adapters.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import adapters.config.InvalidConfigException;

/** Turns whatever stopped startup into one line a user can act on (the key and value for config errors). */
public final class StartupFailure {

    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value \"(.*?)\" threw an Exception"
                    + " (?:whilst being converted|whose message was) \"?(.*?)\"?$");
    private static final Pattern CODE = Pattern.compile("SRCFG\\d+: ");
    private static final Pattern OTLP_PROTOCOL = Pattern.compile("Unsupported OTLP protocol (.*) specified");

    private StartupFailure() {
    }

    /**
     * As {@link #describe(Throwable)}, naming the port(s) Drover listens on ({@code ports}) when one was taken: Netty's
     * epoll transport reports a taken port as "bind(..) failed ... Address already in use" without the port, where
     * the JDK's selector gave Quarkus a {@code BindException} that it words as "Port already bound: N".
     */
    public static String describe(Throwable failure, String ports) {
        boolean taken = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return describe(failure); // Quarkus' own words name the port
            }
            taken |= t.getMessage() != null && t.getMessage().contains("Address already in use");
        }
        return taken
                ? "failed to start: Port already bound: " + ports + " (address already in use)"
                : describe(failure);
    }

    /** One line saying why {@code failure} stopped the start (or a reload): for config errors, the key and value. */
    public static String describe(Throwable failure) {
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
            String tracing = tracingMessage(t);
            if (tracing != null) {
                return tracing;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "failed to start: " + (root.getMessage() == null ? root.toString() : root.getMessage());
    }

    /**
     * The OpenTelemetry SDK checks the {@code tracing:} values Drover hands it while it starts, before Drover's own
     * checks could run; its complaints are put back in config.yaml's terms. Null when {@code t} is not one of them.
     */
    private static String tracingMessage(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        Matcher protocol = OTLP_PROTOCOL.matcher(message);
        if (protocol.find()) {
            return "invalid config: tracing.protocol = '" + protocol.group(1) + "': expected grpc or http/protobuf";
        }
        if (message.startsWith("ratio must be in range")) {
            return "invalid config: tracing.sample_ratio: expected a number from 0 to 1";
        }
        if (message.startsWith("Invalid endpoint, must start with http")) {
            return "invalid config: tracing.endpoint = '" + message.substring(message.lastIndexOf(": ") + 2)
                    + "': expected the collector's http(s) URL, like http://localhost:4317";
        }
        if (t instanceof java.net.URISyntaxException bad && fromOpenTelemetry(t)) {
            return "invalid config: tracing.endpoint = '" + bad.getInput()
                    + "': expected the collector's http(s) URL, like http://localhost:4317";
        }
        return null;
    }

    private static boolean fromOpenTelemetry(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().contains("opentelemetry")) {
                return true;
            }
        }
        return false;
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
        if (text.contains("not in correct format (regular expression): [0-9]+[BbKk")) {
            return "expected a size such as 512K, 32M or 1G";
        }
        if (text.startsWith("Invalid duration")) {
            return "expected a duration such as 500ms, 30s or 10m";
        }
        return text;
    }
}
