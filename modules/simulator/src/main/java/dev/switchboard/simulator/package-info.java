/**
 * The simulator API: {@link dev.switchboard.simulator.Simulator} starts a local server that speaks
 * every LLM provider family's wire protocol, with deterministic replies and injectable faults.
 */
package dev.switchboard.simulator;
