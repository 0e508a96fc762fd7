package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import adapters.config.InvalidConfigException;

class ClientAddressTest {

    private final ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void shouldUseThePeerWhenItIsNotATrustedProxy() {
        // When / Then
        assertThat(addresses.of("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldTakeTheRightMostUntrustedForwardedAddress() {
        // When / Then: the client wrote 6.6.6.6 itself; the proxies appended what they saw
        assertThat(addresses.of("10.1.1.1", List.of("6.6.6.6, 198.51.100.4, 10.2.2.2"))).isEqualTo("198.51.100.4");
        assertThat(addresses.of("192.168.1.7", List.of("6.6.6.6", "198.51.100.4"))).isEqualTo("198.51.100.4");
        assertThat(addresses.of("fd00::1", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void shouldFallBackToTheLastTrustedHopWhenEveryHopIsTrusted() {
        // When / Then
        assertThat(addresses.of("10.1.1.1", List.of())).isEqualTo("10.1.1.1");
        assertThat(addresses.of("10.1.1.1", List.of("10.3.3.3"))).isEqualTo("10.3.3.3");
    }

    @Test
    void shouldRefuseATrustedProxyThatIsNotAnAddress() {
        // When / Then
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example.com")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("security.trusted_proxies");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("0 to 32");
    }
}
