/**
 * The network guard (SSRF): which addresses a provider call may reach. {@link
 * dev.switchboard.providers.net.AddressPolicy} refuses non-http(s) URLs, odd host forms, and every
 * non-public address (loopback, private, link-local, cloud metadata, ...) unless an administrator
 * allow-lists it. The transport applies it after DNS, at connection time, and connects to the
 * address it checked.
 */
package dev.switchboard.providers.net;
