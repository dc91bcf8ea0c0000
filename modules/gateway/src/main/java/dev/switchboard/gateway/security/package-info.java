/** How callers of the gateway's APIs authenticate: HTTP Basic against the account store. */
package dev.switchboard.gateway.security;
