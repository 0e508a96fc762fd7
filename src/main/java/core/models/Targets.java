package core.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import core.MalformedRequestException;

/**
 * The nodes a model task is for, as a client names them: every node ({@code *}), a list of names, labels every chosen
 * node must carry, or names and labels together (the named nodes that carry the labels).
 */
public record Targets(boolean all, List<String> names, Map<String, String> labels) {

    public Targets {
        names = List.copyOf(names);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * Reads {@code nodes} ({@code *} or names separated by commas) and {@code labels} ({@code key=value} pairs
     * separated by commas); either may be null. Throws {@link MalformedRequestException} for a pair without {@code =}.
     */
    public static Targets parse(String nodes, String labels) {
        boolean all = false;
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (nodes != null) {
            for (String part : nodes.split(",")) {
                String name = part.strip();
                if (name.equals("*")) {
                    all = true;
                } else if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        if (labels != null) {
            for (String part : labels.split(",")) {
                String pair = part.strip();
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new MalformedRequestException("node labels are key=value pairs separated by commas, such as"
                            + " gpu=a100,zone=eu; got '" + pair + "'");
                }
                wanted.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return new Targets(all, new ArrayList<>(names), wanted);
    }

    /** More than one node may be meant: every node, several names, or labels. */
    public boolean several() {
        return all || names.size() > 1 || !labels.isEmpty();
    }

    /** Nothing named at all. */
    public boolean none() {
        return !all && names.isEmpty() && labels.isEmpty();
    }

    /** How the client chose, for messages: {@code *}, {@code a, b}, {@code gpu=a100}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (all) {
            parts.add("every node");
        }
        if (!names.isEmpty()) {
            parts.add(String.join(", ", names));
        }
        if (!labels.isEmpty()) {
            parts.add("labels " + labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .reduce((a, b) -> a + "," + b).orElse(""));
        }
        return String.join(" with ", parts);
    }
}
