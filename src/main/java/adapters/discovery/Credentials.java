package adapters.discovery;

import java.util.function.UnaryOperator;

import adapters.config.ConfigChecks;
import adapters.config.DiscoveryConfig.Auth;
import adapters.config.DiscoveryConfig.AuthType;
import adapters.config.InvalidConfigException;
import core.fleet.Credential;

/**
 * Builds the credential Drover presents to a node from its {@code auth:} block. {@code ${ENV_VAR}} in a value is
 * expanded by the config layer before this runs (a missing variable stops startup there). Error messages name keys
 * and files, never a token.
 */
final class Credentials {

    private static final String HIDDEN = "<hidden>";

    private Credentials() {
    }

    static Credential of(String key, Auth auth, UnaryOperator<String> rawValues) {
        ConfigChecks.unexpanded(key + ".token", auth.token().isPresent(), rawValues);
        ConfigChecks.unexpanded(key + ".token_file", auth.tokenFile().isPresent(), rawValues);
        String token = token(key, auth);
        if (auth.type() == AuthType.BEARER) {
            return Credential.bearer(token);
        }
        String header = auth.headerName().map(String::strip).orElse("");
        if (header.isEmpty()) {
            throw new InvalidConfigException(key + ".header_name", "", "required with type: header");
        }
        if (!header.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new InvalidConfigException(key + ".header_name", header, "not a valid HTTP header name");
        }
        return new Credential(header, token);
    }

    private static String token(String key, Auth auth) {
        if (auth.token().isPresent() && auth.tokenFile().isPresent()) {
            throw new InvalidConfigException(key + ".token", HIDDEN, "give token or token_file, not both");
        }
        String token;
        if (auth.tokenFile().isPresent()) {
            token = ConfigChecks.secretFile(key + ".token_file", auth.tokenFile().get());
        } else {
            token = auth.token().map(String::strip).orElseThrow(() -> new InvalidConfigException(key + ".token", "",
                    "required (or token_file)"));
        }
        if (token.isEmpty()) {
            throw new InvalidConfigException(key + (auth.tokenFile().isPresent() ? ".token_file" : ".token"),
                    auth.tokenFile().orElse(""), "the token is empty");
        }
        if (!token.chars().allMatch(c -> c >= 32 && c < 127)) {
            throw new InvalidConfigException(key + ".token", HIDDEN, "must be printable ASCII (no line breaks)");
        }
        return token;
    }
}
