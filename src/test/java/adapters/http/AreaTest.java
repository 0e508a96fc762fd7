package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AreaTest {

    @Test
    void shouldPlaceEverySpellingOfAProtectedPathInItsArea() {
        // When / Then
        assertThat(Area.of("/internal/status")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/dashboard/")).isEqualTo(Area.OPEN);
        assertThat(Area.of("/dashboard/..%2Finternal/dashboard/events")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/dashboard/../admin/endpoints")).isEqualTo(Area.ADMIN);
        assertThat(Area.of("/internal;x/status")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/internal;/status")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/INTERNAL/status")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("//internal//status/")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/%69nternal/status")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/x/%2e%2e/internal/status")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/x/../internal/status")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/internal%2Fstatus")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/q/health/../metrics")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/admin;x/endpoints")).isEqualTo(Area.ADMIN);
        assertThat(Area.of("/v1")).isEqualTo(Area.API);
        assertThat(Area.of("/api%2Fchat")).isEqualTo(Area.API);
    }

    @Test
    void shouldTakeTheStrictestReadingOfAnAmbiguousPath() {
        // When / Then: decoding %2F first lands in health, not decoding it stays under /internal
        assertThat(Area.of("/internal/status/..%2F..%2Fq%2Fhealth")).isEqualTo(Area.OPERATIONS);
        assertThat(Area.of("/q/health/%2e%2e%2f%2e%2e%2fadmin/endpoints")).isEqualTo(Area.ADMIN);
    }

    @Test
    void shouldLeaveWhatNoAreaHoldsUnknown() {
        // When / Then
        assertThat(Area.of("/q/openapi")).isEqualTo(Area.UNKNOWN);
        assertThat(Area.of("/internalx")).isEqualTo(Area.UNKNOWN);
        assertThat(Area.of("*")).isEqualTo(Area.UNKNOWN);
        assertThat(Area.of("")).isEqualTo(Area.UNKNOWN);
        assertThat(Area.of("/")).isEqualTo(Area.OPEN);
        assertThat(Area.of("/q/health/ready")).isEqualTo(Area.OPEN);
        assertThat(Area.of("/nodes/heartbeat")).isEqualTo(Area.OPEN);
    }
}
