/**
 * Saved state: the fleet store (a small file; in PostgreSQL in the full build) and the request log. Hibernate ORM
 * and Flyway only here, and only in the full build's part of the package (src/full): an H2 file or PostgreSQL.
 */
package adapters.persistence;
