/**
 * A circuit breaker per integration, never shared between integrations (MicroProfile Fault
 * Tolerance keeps one per method, so one bad provider would open it for all). {@link
 * dev.switchboard.routing.circuit.FailureKind} decides which provider errors count.
 */
package dev.switchboard.routing.circuit;
