package core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import core.TestClock;
import core.fleet.ModelName;

class AuthorizationTest {

    private static final String CLIENT = "client-secret-key-0001";
    private static final String ADMIN = "admin-secret-key-00001";
    private final ApiKey limited = new ApiKey("limited", KeyRing.sha256(CLIENT), Optional.empty(), List.of("phi3"));
    private final KeyRing clients = new KeyRing(List.of(limited));
    private final KeyRing admins = new KeyRing(List.of(new ApiKey("ops", KeyRing.sha256(ADMIN), Optional.empty(),
            List.of())));
    private final RateLimiter limiter = new RateLimiter(new TestClock(), Optional.empty(),
            Optional.of(new RateLimit(1, Duration.ofMinutes(1), 1)));

    @Test
    void shouldAdmitTheApiOnlyWithAClientKeyAndWithinItsRate() {
        // Given
        Authorization access = new Authorization(clients, admins, limiter, OperationsAccess.LOOPBACK);

        // When / Then
        assertThat(access.api(CLIENT, () -> "10.0.0.1").caller()).containsSame(limited);
        assertThatThrownBy(() -> access.api(null, () -> "10.0.0.2")).isInstanceOf(UnauthorizedException.class)
                .hasMessageStartingWith("missing API key");
        assertThatThrownBy(() -> access.api(ADMIN, () -> "10.0.0.2")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("invalid API key");
        assertThatThrownBy(() -> access.api(CLIENT, () -> "10.0.0.1")).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void shouldHoldAKeyToItsModelsAndKeepItFromManagingModels() {
        // Given
        Authorization access = new Authorization(clients, admins, limiter, OperationsAccess.LOOPBACK);

        // When / Then
        assertThatCode(() -> access.checkModel(Optional.of(limited), ModelName.of("phi3")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> access.checkModel(Optional.of(limited), ModelName.of("llama3.2")))
                .isInstanceOf(ForbiddenModelException.class);
        assertThatThrownBy(() -> access.checkManagement(Optional.of(limited)))
                .isInstanceOf(ForbiddenModelException.class);
        assertThatCode(() -> access.checkManagement(Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void shouldLetOnlyThisMachineAdministerUntilAdminKeysExist() {
        // Given
        Authorization unkeyed = new Authorization(clients, new KeyRing(List.of()), limiter, OperationsAccess.LOOPBACK);
        Authorization keyed = new Authorization(clients, admins, limiter, OperationsAccess.LOOPBACK);

        // When / Then
        assertThatCode(() -> unkeyed.admin(null, true, "admin calls")).doesNotThrowAnyException();
        assertThatThrownBy(() -> unkeyed.admin(ADMIN, false, "admin calls")).isInstanceOf(LocalOnlyException.class);
        assertThatThrownBy(() -> keyed.admin(null, true, "admin calls")).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> keyed.admin(CLIENT, true, "admin calls")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("invalid admin key");
        assertThatCode(() -> keyed.admin(ADMIN, false, "admin calls")).doesNotThrowAnyException();
    }

    @Test
    void shouldOpenOperationsRoutesAsOperationsAccessSays() {
        // Given
        Authorization loopback = new Authorization(clients, admins, limiter, OperationsAccess.LOOPBACK);
        Authorization open = new Authorization(clients, admins, limiter, OperationsAccess.OPEN);
        Authorization keyed = new Authorization(clients, admins, limiter, OperationsAccess.KEYED);

        // When / Then
        assertThatCode(() -> loopback.operations(null, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> loopback.operations(null, false)).isInstanceOf(UnauthorizedException.class);
        assertThatCode(() -> loopback.operations(ADMIN, false)).doesNotThrowAnyException();
        assertThatCode(() -> open.operations(null, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> keyed.operations(null, true)).isInstanceOf(UnauthorizedException.class);
        assertThatCode(() -> keyed.operations(ADMIN, true)).doesNotThrowAnyException();
    }
}
