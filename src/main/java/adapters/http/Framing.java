package adapters.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import adapters.config.ServerConfig;
import core.routing.Header;

/**
 * What a request head must look like before anything reads it, as nginx and Envoy demand: at most
 * {@code server.max_header_count} header lines (every line counts, repeated names too) of at most
 * {@code server.max_header_size} in all (431), a request line of at most {@code server.max_request_line} (414), one
 * {@code Host} (400), and a body framed by a number in {@code Content-Length} or by {@code Transfer-Encoding: chunked}
 * alone (400 for both or a bad length, 501 for any other transfer coding). The HTTP codec itself stops heads over four
 * times these limits ({@link ServerLimits}). Immutable; event loop.
 */
final class Framing {

    /** Why a head was refused. */
    record Refusal(int status, String message) {
    }

    private final int maxHeaders;
    private final long maxHeaderBytes;
    private final int maxRequestLine;

    Framing(ServerConfig server) {
        this.maxHeaders = server.maxHeaderCount();
        this.maxHeaderBytes = server.maxHeaderSize().asLongValue();
        this.maxRequestLine = server.maxRequestLine();
    }

    /** The refusal the head earns, or null when it is well formed. */
    Refusal check(HttpServerRequest request) {
        int lines = 0;
        long bytes = 0;
        int hosts = 0;
        boolean coded = false;
        int lengths = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            lines++;
            bytes += name.length() + header.getValue().length() + 4;
            if (name.equalsIgnoreCase("Host")) {
                hosts++;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                coded = true;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                lengths++;
            }
        }
        if (lines > maxHeaders) {
            return new Refusal(431, "too many request headers (" + lines + "; at most " + maxHeaders
                    + ", see server.max_header_count)");
        }
        if (bytes > maxHeaderBytes) {
            return new Refusal(431, "request headers too large (" + bytes + " bytes; at most " + maxHeaderBytes
                    + ", see server.max_header_size)");
        }
        int line = request.method().name().length() + request.uri().length() + 10;
        if (line > maxRequestLine) {
            return new Refusal(414, "request line too long (" + line + " bytes; at most " + maxRequestLine
                    + ", see server.max_request_line)");
        }
        if (hosts > 1) {
            return new Refusal(400, "more than one Host header");
        }
        return coded || lengths > 0 ? body(request, request.headers()) : null;
    }

    private static Refusal body(HttpServerRequest request, MultiMap headers) {
        List<String> encodings = headers.getAll(HttpHeaders.TRANSFER_ENCODING);
        List<String> lengths = headers.getAll(HttpHeaders.CONTENT_LENGTH);
        if (!encodings.isEmpty()) {
            String coding = String.join(",", encodings).strip().toLowerCase(Locale.ROOT);
            if (!coding.equals("chunked") || request.version() == HttpVersion.HTTP_1_0) {
                return new Refusal(501, "transfer coding '" + coding + "' is not supported: send the body with"
                        + " Content-Length or Transfer-Encoding: chunked");
            }
            if (!lengths.isEmpty()) {
                return new Refusal(400, "a request may not carry both Transfer-Encoding and Content-Length");
            }
        }
        if (lengths.size() > 1 || lengths.size() == 1 && Header.length(lengths.get(0)) < 0) {
            return new Refusal(400, "Content-Length must be one whole number");
        }
        return null;
    }
}
