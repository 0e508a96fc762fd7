package adapters.http;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import core.TestClock;

/** The gateway's clock in {@link SecuredGateway}: rate limits recover when a test moves it, not after sleeps. */
@Alternative
@Singleton
public class SecurityClock extends TestClock {
}
