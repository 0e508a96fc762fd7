package core.journal;

import java.time.Instant;

import core.MalformedRequestException;

/**
 * Which logged requests to list, newest first: each filter is null when not set; {@code limit} is at least 1 and at
 * most {@link #MAX_LIMIT}.
 */
public record RequestQuery(String model, String endpoint, Integer status, Instant since, int limit) {

    public static final int MAX_LIMIT = 1000;

    public RequestQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new MalformedRequestException("limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }
}
