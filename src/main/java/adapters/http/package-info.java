/**
 * The HTTP server side: the {@code Gate} every request passes first, Ollama and OpenAI routes on the Vert.x router (the
 * byte path), admin, status, token and heartbeat routes, errors in the client's dialect. Drives {@code ports.in}; never another adapter
 * but {@code config}.
 */
package adapters.http;
