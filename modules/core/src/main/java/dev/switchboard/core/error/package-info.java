/**
 * The one error type of provider calls and its categories. Routing decides on retries, fallbacks
 * and circuit state from the category alone, and the gateway maps it to an HTTP status, so every
 * provider's errors must land in the same small set.
 */
package dev.switchboard.core.error;
