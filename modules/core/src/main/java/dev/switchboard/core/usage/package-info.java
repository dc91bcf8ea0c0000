/**
 * Token usage and where the numbers came from. Usage is money: a number the provider reported is
 * kept apart from one that was mapped, estimated, or cut short by a broken stream, so the ledger
 * never presents a guess as a fact. The arithmetic that merges cumulative and incremental reports
 * belongs to the provider adapters, which know each wire's rules.
 */
package dev.switchboard.core.usage;
