package adapters.persistence;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import adapters.config.DatabaseConfig;
import ports.out.RequestLog;

/** The request log {@code database.request_log.enabled} asks for. */
@ApplicationScoped
class RequestLogProducer {

    @Produces
    @Singleton
    RequestLog requestLog(DatabaseConfig config, Database database, Clock clock) {
        return config.requestLog().enabled()
                ? new JpaRequestLog(database, config.requestLog(), clock)
                : RequestLog.NONE;
    }

    void close(@Disposes RequestLog log) {
        if (log instanceof JpaRequestLog jpa) {
            jpa.close();
        }
    }
}
