/**
 * A bulkhead per integration: at most N calls in flight, so a slow provider holds at most N threads
 * and cannot starve calls routed to the others. A refused call is a failure that triggers fallback,
 * never an unbounded wait.
 */
package dev.switchboard.routing.limit;
