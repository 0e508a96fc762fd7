package adapters.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import adapters.config.InvalidConfigException;

/**
 * Who the client is, for per-address limits: the socket's peer, unless the peer is a trusted proxy; then the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy (addresses to its left were written
 * by the client and prove nothing). Immutable; thread-safe.
 */
final class ClientAddress {

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Cidr> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
    }

    String of(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String client = peer;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            String[] hops = forwardedFor.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = hops[j].strip();
                if (hop.isEmpty()) {
                    continue;
                }
                if (!isTrusted(hop)) {
                    return literal(hop) == null ? client : hop;
                }
                client = hop;
            }
        }
        return client;
    }

    /** Whether a trusted proxy may sit on this machine: some trusted range holds a loopback address. */
    boolean trustsLoopback() {
        return trusted.stream().anyMatch(Cidr::overlapsLoopback);
    }

    static boolean loopback(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && parsed.isLoopbackAddress();
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && trusted.stream().anyMatch(cidr -> cidr.contains(parsed));
    }

    /** Whether {@code text} is an IP address written out (IPv6 without brackets), never a DNS lookup. */
    static boolean ipLiteral(String text) {
        return literal(text) != null;
    }

    /** An IP literal, never a DNS lookup; null when the text is not one. */
    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.'
                || c == ':')) {
            return null;
        }
        // The JDK looks up a name such as "cafe.be" that is no dotted quad; only an address may get that far.
        if (text.indexOf(':') < 0 && !IPV4.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new InvalidConfigException("security.trusted_proxies", text, "not an IP address or CIDR");
            }
            int max = address.getAddress().length * 8;
            int bits;
            try {
                bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new InvalidConfigException("security.trusted_proxies", text, "prefix must be 0 to " + max);
            }
            return new Cidr(address.getAddress(), bits);
        }

        /** Whether the range holds some address of 127.0.0.0/8 or ::1. */
        boolean overlapsLoopback() {
            if (network.length == 16) {
                return contains(literal("::1"));
            }
            return bits <= 8 ? contains(literal("127.0.0.1")) : (network[0] & 0xff) == 127;
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((candidate[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
