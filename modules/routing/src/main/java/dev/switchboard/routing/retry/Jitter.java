package dev.switchboard.routing.retry;

/**
 * How backoff waits are spread so that callers failing together do not retry together (AWS
 * Architecture Blog, "Exponential Backoff and Jitter").
 */
public enum Jitter {
  /** A uniform wait between zero and the exponential step, capped. */
  FULL,
  /** A uniform wait between the base and three times the previous wait, capped. */
  DECORRELATED,
  /** Exactly the exponential step, capped: only for tests and diagnostics. */
  NONE
}
