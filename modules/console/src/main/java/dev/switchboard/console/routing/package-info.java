/** Features and routing: pages over {@code dev.switchboard.routing.features} and the router. */
package dev.switchboard.console.routing;
