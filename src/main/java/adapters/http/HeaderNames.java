package adapters.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of header names, looked up ignoring case without allocating: the names are kept by length, so a header
 * is compared only with the names as long as it, and most are compared with none. This runs for every header of every
 * proxied request and answer. Immutable.
 */
final class HeaderNames {

    private final String[][] byLength;

    HeaderNames(String... names) {
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, name.length());
        }
        List<List<String>> lengths = new ArrayList<>();
        for (int i = 0; i <= longest; i++) {
            lengths.add(new ArrayList<>());
        }
        for (String name : names) {
            lengths.get(name.length()).add(name);
        }
        byLength = new String[longest + 1][];
        for (int i = 0; i <= longest; i++) {
            byLength[i] = lengths.get(i).toArray(String[]::new);
        }
    }

    boolean contains(String name) {
        int length = name.length();
        if (length >= byLength.length) {
            return false;
        }
        for (String candidate : byLength[length]) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
