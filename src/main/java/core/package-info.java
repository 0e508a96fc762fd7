/**
 * The domain, in plain Java 17: the fleet and its nodes' health, model lists, balancing, admission, retries, drain,
 * access keys and rate limits, and the request journal. Depends on {@code core}, {@code ports} and the JDK only; the
 * world is reached through {@code ports.out}.
 */
package core;
