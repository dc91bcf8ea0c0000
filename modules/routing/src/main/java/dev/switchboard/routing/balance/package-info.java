/**
 * The order in which equivalent deployments are tried: weighted random or least latency (EWMA),
 * with deployments whose circuit refuses calls put last (they are skipped, not tried).
 */
package dev.switchboard.routing.balance;
