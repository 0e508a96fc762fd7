/**
 * Talking to nodes outside requests: health probes and model catalogs for Ollama and OpenAI-type nodes, on a pool of
 * their own.
 */
package adapters.node;
