/**
 * The usage ledger and what is built on it: analytics, prices and cost, token limits with cycle
 * resets and threshold mail, and the notification log. Plain classes over JDBC, so the same code
 * runs inside Liberty and in tests against real Derby and PostgreSQL; {@link
 * dev.switchboard.usage.UsageModule} wires them as CDI beans.
 */
package dev.switchboard.usage;
