package core.access;

import java.util.Optional;
import java.util.function.Supplier;

import core.fleet.ModelName;
import ports.in.AuthorizeUseCase;

/**
 * The access decisions, in one place: client keys and rate limits for the inference API, admin keys (or this machine
 * while there are none) for admin calls, {@link OperationsAccess} for operations routes. Thread-safe; never blocks.
 */
public final class Authorization implements AuthorizeUseCase {

    private final KeyRing clients;
    private final KeyRing admins;
    private final RateLimiter limiter;
    private final OperationsAccess operations;

    public Authorization(KeyRing clients, KeyRing admins, RateLimiter limiter, OperationsAccess operations) {
        this.clients = clients;
        this.admins = admins;
        this.limiter = limiter;
        this.operations = operations;
    }

    @Override
    public Admission api(String key, Supplier<String> address) {
        Optional<ApiKey> caller = Optional.empty();
        if (!clients.open()) {
            caller = clients.find(key);
            if (caller.isEmpty()) {
                throw new UnauthorizedException(key == null
                        ? "missing API key: send Authorization: Bearer <key> or X-API-Key: <key>"
                        : "invalid API key");
            }
        }
        return new Admission(caller, limiter.admit(caller, address));
    }

    @Override
    public void admin(String key, boolean local, String what) {
        if (admins.open()) {
            if (!local) {
                throw new LocalOnlyException(what + " are accepted from the gateway's own machine only until admin"
                        + " keys are configured (security.admin_keys)");
            }
            return;
        }
        if (admins.find(key).isEmpty()) {
            throw new UnauthorizedException(key == null
                    ? what + " need an admin key: send Authorization: Bearer <key> or X-API-Key: <key>"
                    : "invalid admin key");
        }
    }

    @Override
    public void operations(String key, boolean local) {
        if (operations == OperationsAccess.KEYED || operations == OperationsAccess.LOOPBACK && !local) {
            admin(key, local, "operations endpoints");
        }
    }

    @Override
    public void checkModel(Optional<ApiKey> caller, ModelName model) {
        caller.ifPresent(key -> clients.checkModel(key, model));
    }

    @Override
    public void checkManagement(Optional<ApiKey> caller) {
        if (caller.isPresent() && !caller.get().models().isEmpty()) {
            throw ForbiddenModelException.management(caller.get().name());
        }
    }

    @Override
    public boolean apiKeyed() {
        return !clients.open();
    }
}
