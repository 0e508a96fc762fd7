package testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hides, for one test, the system properties that set Drover's keys ({@code discovery.*}, {@code server.*}, ...):
 * a {@code @QuarkusTest} that ran earlier in the same JVM leaves its fleet there, and a test that reads config.yaml
 * the way the launcher does (system properties over the file) would see it.
 */
public final class HiddenProperties implements BeforeEachCallback, AfterEachCallback {

    private static final List<String> BLOCKS = List.of("server", "proxy", "discovery", "security", "database", "log",
            "tracing", "models");
    private final Map<String, String> hidden = new HashMap<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (BLOCKS.contains(key.split("[.\\[]", 2)[0])) {
                hidden.put(key, System.getProperty(key));
                System.clearProperty(key);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        hidden.forEach(System::setProperty);
        hidden.clear();
    }
}
