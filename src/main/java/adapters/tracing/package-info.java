/**
 * OpenTelemetry, and only here: request and attempt spans exported over OTLP, behind {@code ports.out.RequestTracer}.
 */
package adapters.tracing;
