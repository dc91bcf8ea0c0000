/**
 * Shared plumbing of the simulator: routing by family prefix, fault specs, the deterministic reply
 * rules and the streaming writer. Internal: not exported.
 */
package dev.switchboard.simulator.wire;
