/**
 * The one call applications make: {@link dev.switchboard.core.router.LlmRouter}. In the EAR it is a
 * CDI bean ({@code @Inject LlmRouter}); other servers get the same interface over the gateway's
 * HTTP API. Only core types appear here, so callers never depend on the provider SPI.
 */
package dev.switchboard.core.router;
