/**
 * All HTTP to providers goes through {@link dev.switchboard.providers.transport.HttpTransport}: one
 * place for the deadlines the JDK client lacks (idle and total), the response-size cap, the
 * same-host-only redirect rule, header hygiene, and the SSRF guard: each request's address policy
 * is applied after DNS and the call is pinned to the address checked. Bodies are delivered as bytes
 * arrive, never buffered for a stream. Not exported.
 */
package dev.switchboard.providers.transport;
