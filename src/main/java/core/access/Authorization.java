package core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import core.fleet.ModelName;
import ports.in.AuthorizeUseCase;

/**
 * The access decisions, in one place: client keys and rate limits for the inference API, admin keys (or this machine
 * while there are none) for admin calls, {@link OperationsAccess} for operations routes. Thread-safe; never blocks.
 */
public final class Authorization implements AuthorizeUseCase {

    private volatile KeyRing clients;
    private volatile KeyRing admins;
    private final RateLimiter limiter;
    private final OperationsAccess operations;

    public Authorization(KeyRing clients, KeyRing admins, RateLimiter limiter, OperationsAccess operations) {
        this.clients = clients;
        this.admins = admins;
        this.limiter = limiter;
        this.operations = operations;
    }

    /**
     * Puts new keys and rate limits in place for the requests that follow (a request under way keeps the decision it
     * got); a key or limit that changed starts a fresh bucket. Returns which of {@code api_keys}, {@code admin_keys}
     * and {@code rate_limits} changed.
     */
    public synchronized List<String> replace(KeyRing newClients, KeyRing newAdmins, Optional<RateLimit> global,
            Optional<RateLimit> perAddress) {
        List<String> changed = new ArrayList<>();
        if (!clients.sameAs(newClients)) {
            changed.add("api_keys");
            limiter.keep(newClients);
            clients = newClients;
        }
        if (!admins.sameAs(newAdmins)) {
            changed.add("admin_keys");
            admins = newAdmins;
        }
        if (limiter.limits(global, perAddress)) {
            changed.add("rate_limits");
        }
        return changed;
    }

    @Override
    public Admission api(String key, Supplier<String> address) {
        Optional<ApiKey> caller = Optional.empty();
        KeyRing ring = clients;
        if (!ring.open()) {
            caller = ring.find(key);
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
        KeyRing ring = admins;
        if (ring.open()) {
            if (!local) {
                throw new LocalOnlyException(what + " are accepted from the gateway's own machine only until admin"
                        + " keys are configured (security.admin_keys)");
            }
            return;
        }
        if (ring.find(key).isEmpty()) {
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
