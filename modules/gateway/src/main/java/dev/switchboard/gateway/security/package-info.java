/** How callers of the gateway's APIs authenticate: API keys for /v1, HTTP Basic for /api. */
package dev.switchboard.gateway.security;
