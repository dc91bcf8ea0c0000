/**
 * When to try a failed call again and how long to wait first ({@link
 * dev.switchboard.routing.retry.RetryPolicy}), and how many retries an integration may add to its
 * load at all ({@link dev.switchboard.routing.retry.RetryBudget}): a count alone lets an outage
 * triple the load on a provider that is already failing.
 */
package dev.switchboard.routing.retry;
