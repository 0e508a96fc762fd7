package archfixture.ports.out;

/** Deliberately broken: JPA and Micrometer types outside their adapters. */
public interface PortUsingFrameworks {

    jakarta.persistence.EntityManager entityManager();

    io.micrometer.core.instrument.MeterRegistry meters();
}
