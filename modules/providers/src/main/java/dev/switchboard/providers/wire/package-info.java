/**
 * What the provider wires share beneath their differences: byte-to-line decoding that survives a
 * UTF-8 character split across packets, Server-Sent Events and NDJSON framing, the usage tally with
 * its cumulative-versus-incremental rules, the error classification every adapter refines, the
 * stream session that turns frames into listener calls, and the skeleton of an adapter ({@link
 * dev.switchboard.providers.wire.WireAdapter}) that leaves each family only its wire. Not exported.
 */
package dev.switchboard.providers.wire;
