package archfixture.ports.out;

/** Deliberately broken: JPA, Micrometer and OpenTelemetry types outside their adapters. */
public interface PortUsingFrameworks {

    jakarta.persistence.EntityManager entityManager();

    io.micrometer.core.instrument.MeterRegistry meters();

    io.opentelemetry.api.trace.Tracer tracer();
}
