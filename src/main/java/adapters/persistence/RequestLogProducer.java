package adapters.persistence;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;

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

    /**
     * On shutdown, once the HTTP server has let the last requests finish and before the datasources close, the rows
     * still queued are written: a SIGTERM loses none.
     */
    void flush(@Observes ShutdownEvent event, RequestLog log) {
        if (log instanceof JpaRequestLog jpa) {
            jpa.close();
        }
    }

    void close(@Disposes RequestLog log) {
        if (log instanceof JpaRequestLog jpa) {
            jpa.close();
        }
    }
}
