/**
 * One chat call across a route: deployments tried in order (balanced within a tier), each guarded
 * by its integration's circuit, concurrency limit and retry budget, all inside one deadline; a
 * larger-context deployment when the prompt does not fit; and for streams, fallback only before the
 * first token reaches the caller. Every attempt is recorded ({@link
 * dev.switchboard.routing.execution.Attempts}) for usage and response headers.
 */
package dev.switchboard.routing.execution;
