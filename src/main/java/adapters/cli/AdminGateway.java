package adapters.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import picocli.CommandLine.Option;

/** {@code --url} and {@code --key} of the commands that call a running gateway's admin API. */
final class AdminGateway {

    @Option(names = "--url", paramLabel = "URL", description = "the gateway (default: $DROVER_URL, else"
            + " http://127.0.0.1:11434)")
    String url;

    @Option(names = "--key", paramLabel = "KEY", description = "an admin key (default: $DROVER_ADMIN_KEY; none"
            + " needed on loopback without admin_keys)")
    String key;

    HttpRequest.Builder request(String path) {
        String base = url != null ? url : System.getenv().getOrDefault("DROVER_URL", "http://127.0.0.1:11434");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
                .timeout(Duration.ofDays(1));
        String admin = key != null ? key : System.getenv("DROVER_ADMIN_KEY");
        if (admin != null && !admin.isBlank()) {
            builder.header("Authorization", "Bearer " + admin.strip());
        }
        return builder;
    }
}
