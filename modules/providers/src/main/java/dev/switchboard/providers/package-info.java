/**
 * The provider SPI: what every provider family's adapter does ({@link
 * dev.switchboard.providers.ProviderAdapter}), the connection settings it receives already resolved
 * ({@link dev.switchboard.providers.Endpoint}), how a stream is delivered and cancelled, and the
 * registry that finds the adapter for a provider id. Routing depends on this package only, never on
 * an adapter's internals.
 */
package dev.switchboard.providers;
