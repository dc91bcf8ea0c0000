/**
 * How calls authenticate when an auth profile, not the provider's own key header, says so: static
 * headers, OAuth 2.0 client credentials, Kerberos SPNEGO. Exported so the integrations module can
 * build one per profile and keep it (its token cache) across calls.
 */
package dev.switchboard.providers.auth;
