/**
 * Models across the fleet: a model task (pull, delete, copy, create, preload) run on several nodes at once with one
 * merged progress, and the background sync that keeps {@code models.required} present and {@code models.preload}
 * loaded on the nodes they name.
 */
package core.models;
