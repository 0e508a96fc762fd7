/**
 * Hibernate ORM and Flyway, and only here: the request log and the fleet store, on an H2 file or PostgreSQL.
 */
package adapters.persistence;
