/**
 * What is known about well-known models before any call: limits, capabilities and list prices with
 * the date they took effect, loaded once from a resource and overridable by an admin's file. A
 * model the catalog does not know still works; its price is unknown, never zero, so the ledger
 * cannot mistake it for free.
 */
package dev.switchboard.providers.catalog;
