/**
 * The domain, in plain Java 17, by part: {@code fleet} (nodes, health, models), {@code routing} (a request's way to a
 * node), {@code access} (keys and rate limits), {@code journal} (what happened to requests). Depends on {@code core},
 * {@code ports} and the JDK only; the world is reached through {@code ports.out}, and time through {@link core.Ticker},
 * the one clock.
 */
package core;
