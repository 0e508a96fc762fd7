/**
 * The request log's entity, apart from the fleet store's: the embedded database's persistence unit maps this package
 * only, so that Hibernate's set-up at start (which runs for every unit built into the application, active or not)
 * binds one entity for it instead of four.
 */
package adapters.persistence.requestlog;
