/**
 * All HTTP to providers goes through {@link dev.switchboard.providers.transport.HttpTransport}: one
 * place for the deadlines the JDK client lacks (idle and total), the response-size cap, the
 * same-host-only redirect rule, header hygiene, and, later, the SSRF-guarded connection path.
 * Bodies are delivered as bytes arrive, never buffered for a stream. Not exported.
 */
package dev.switchboard.providers.transport;
