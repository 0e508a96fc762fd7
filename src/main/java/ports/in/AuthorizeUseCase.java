package ports.in;

import java.util.Optional;
import java.util.function.Supplier;

import core.access.ApiKey;
import core.access.RateDecision;
import core.fleet.ModelName;

/**
 * Who may do what: callers of the inference API (client keys, rate limits, models a key may use), admin calls and
 * operations routes. Refusals are exceptions that never repeat a key: {@code UnauthorizedException},
 * {@code LocalOnlyException}, {@code RateLimitedException}, {@code ForbiddenModelException}.
 */
public interface AuthorizeUseCase {

    /**
     * Admits a caller of the inference API presenting {@code key} (null: none) and takes its rate-limit tokens;
     * {@code address} gives the client's address when a per-address limit needs it.
     */
    Admission api(String key, Supplier<String> address);

    /** Admits an admin call ({@code what}, for the message): an admin key, or this machine while none is configured. */
    void admin(String key, boolean local, String what);

    /** Admits a call to an operations route, as {@code security.operations_access} says. */
    void operations(String key, boolean local);

    /** Refuses unless {@code caller} (empty: the API is open) may use {@code model}. */
    void checkModel(Optional<ApiKey> caller, ModelName model);

    /** Refuses a key limited to some models: it may not pull, push, create, copy or delete models. */
    void checkManagement(Optional<ApiKey> caller);

    /** Whether the API needs a key; false means anyone who reaches the gateway may use it. */
    boolean apiKeyed();

    /** An admitted API caller: its key (empty while the API is open) and the rate decision, for the headers. */
    record Admission(Optional<ApiKey> caller, RateDecision rate) {
    }
}
