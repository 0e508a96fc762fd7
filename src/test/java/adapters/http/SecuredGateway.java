package adapters.http;

import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

import core.access.KeyRing;

/** The gateway with keys, limits, trusted proxies, keyed operations routes and CORS, on a clock the tests move. */
public class SecuredGateway implements QuarkusTestProfile {

    static final String ALICE = "alice-secret-key-0001";
    static final String BOB = "bob-secret-key-000001";
    static final String OPS = "ops-secret-key-000001";
    static final String ORIGIN = "https://chat.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("security.api_keys[0].name", "alice"),
                Map.entry("security.api_keys[0].key", ALICE),
                Map.entry("security.api_keys[0].models[0]", "llama3*"),
                Map.entry("security.api_keys[1].name", "bob"),
                Map.entry("security.api_keys[1].key_sha256", HexFormat.of().formatHex(KeyRing.sha256(BOB))),
                Map.entry("security.api_keys[1].rate_limit.requests", "2"),
                Map.entry("security.api_keys[1].rate_limit.per", "10s"),
                Map.entry("security.admin_keys[0].name", "ops"),
                Map.entry("security.admin_keys[0].key", OPS),
                Map.entry("security.rate_limits.per_ip.requests", "3"),
                Map.entry("security.rate_limits.per_ip.per", "10s"),
                Map.entry("security.rate_limits.global.requests", "30"),
                Map.entry("security.rate_limits.global.per", "1s"),
                Map.entry("security.trusted_proxies[0]", "127.0.0.1/32"),
                Map.entry("security.operations_access", "keyed"),
                Map.entry("security.cors.allowed_origins", ORIGIN),
                Map.entry("models[0].name", "assistant"), Map.entry("models[0].model", "llama3.2"),
                Map.entry("models[1].name", "helper"), Map.entry("models[1].model", "qwen3:8b"));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(SecurityClock.class);
    }
}
