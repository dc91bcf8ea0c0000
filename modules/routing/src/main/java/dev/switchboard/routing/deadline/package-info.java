/**
 * One deadline per call, shared by every attempt, retry wait and fallback of that call, and the
 * {@link dev.switchboard.routing.deadline.Sleeper} through which every wait goes so tests can run
 * them instantly.
 */
package dev.switchboard.routing.deadline;
