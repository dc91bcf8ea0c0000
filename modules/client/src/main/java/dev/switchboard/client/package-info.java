/**
 * The remote {@code LlmRouter}: {@link dev.switchboard.client.GatewayRouter}, a CDI bean configured
 * by two MicroProfile Config keys ({@link dev.switchboard.client.ClientSettings}). Callers see only
 * core types; the OpenAI wire stays inside the {@code wire} package.
 */
package dev.switchboard.client;
