package adapters.wiring;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import adapters.config.SecurityConfig;
import adapters.http.SecurityChecks;
import core.access.Authorization;
import core.access.RateLimiter;

/** Builds the access decisions from {@code security:}; bad key settings stop the start, naming the key. */
@ApplicationScoped
class AccessProducer {

    @Produces
    @Singleton
    Authorization authorization(SecurityConfig security, Clock clock) {
        var raw = ConfigProvider.getConfig();
        SecurityChecks.Checked keys = SecurityChecks.check(security, key -> raw.getConfigValue(key).getRawValue());
        return new Authorization(keys.clients(), keys.admins(), new RateLimiter(clock, keys.global(), keys.perIp()),
                security.operationsAccess());
    }
}
