/**
 * What runs when the application starts, before any request: schema migrations and the first admin
 * account. The gateway is the EAR's first module, so this runs before the console starts.
 */
package dev.switchboard.gateway.startup;
