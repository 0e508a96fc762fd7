/**
 * The Ollama simulator behind {@code drover sim} and {@code drover demo}, used by tests and benchmarks.
 */
package adapters.sim;
