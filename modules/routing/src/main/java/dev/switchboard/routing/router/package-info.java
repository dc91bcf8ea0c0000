/**
 * The {@link dev.switchboard.core.router.LlmRouter} bean: resolves what a call names into a route
 * of deployments and runs it through the reliability core.
 */
package dev.switchboard.routing.router;
