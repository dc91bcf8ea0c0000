/**
 * The simulator's own small HTTP/1.1 server, built for low CPU per request: one thread per
 * connection looping over keep-alive requests with blocking, buffered socket streams (no selector,
 * no per-request hand-off). Internal: not exported.
 */
package dev.switchboard.simulator.http;
