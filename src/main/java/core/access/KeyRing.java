package core.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import core.fleet.ModelName;

/**
 * The keys a set of callers may present. A presented key is hashed and compared with every known digest in constant
 * time, so neither the key nor which entry matched leaks through timing. Model patterns are globs ({@code *},
 * {@code ?}) over the canonical name, case-insensitive; a pattern without a tag means {@code :latest}, as a model
 * name does. Immutable and thread-safe.
 */
public final class KeyRing {

    private final List<ApiKey> keys;
    private final Map<String, List<Pattern>> patterns;

    /** {@code keys}: names unique. */
    public KeyRing(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
        this.patterns = this.keys.stream().collect(Collectors.toUnmodifiableMap(ApiKey::name,
                k -> k.models().stream().map(KeyRing::glob).toList()));
    }

    /** Whether {@code other} holds the same keys: names, secrets, limits and model patterns. */
    public boolean sameAs(KeyRing other) {
        if (other.keys.size() != keys.size()) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            ApiKey a = keys.get(i);
            ApiKey b = other.keys.get(i);
            if (!a.name().equals(b.name()) || !MessageDigest.isEqual(a.sha256(), b.sha256())
                    || !a.rateLimit().equals(b.rateLimit()) || !a.models().equals(b.models())) {
                return false;
            }
        }
        return true;
    }

    /** No keys configured: every caller is let in. */
    public boolean open() {
        return keys.isEmpty();
    }

    public List<ApiKey> keys() {
        return keys;
    }

    /** The key whose secret this is, if any. */
    public Optional<ApiKey> find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            // No early exit: every entry is compared, whichever matches.
            if (MessageDigest.isEqual(digest, key.sha256()) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Throws {@link ForbiddenModelException} unless the key may use the model. */
    public void checkModel(ApiKey key, ModelName model) {
        List<Pattern> allowed = patterns.getOrDefault(key.name(), List.of());
        if (allowed.isEmpty()) {
            return;
        }
        for (Pattern pattern : allowed) {
            if (pattern.matcher(model.canonical()).matches()) {
                return;
            }
        }
        throw new ForbiddenModelException(key.name(), model.canonical());
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Pattern glob(String pattern) {
        String normalised = pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0
                ? ModelName.of(pattern).canonical()
                : pattern.strip();
        StringBuilder regex = new StringBuilder();
        for (char c : normalised.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
