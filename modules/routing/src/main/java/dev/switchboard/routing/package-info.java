/**
 * What a route is made of: {@link dev.switchboard.routing.Deployment}s (one model on one
 * integration) in an ordered {@link dev.switchboard.routing.Route} of tiers. The reliability
 * strategies live in one sub-package each; {@code execution} combines them for a call.
 */
package dev.switchboard.routing;
