/**
 * Auth profiles: reusable descriptions of how calls to a self-hosted endpoint authenticate (API key
 * header, bearer, basic, OAuth 2.0 client credentials, Kerberos SPNEGO), stored with sealed secrets
 * and turned, per call, into the providers module's {@code RequestAuth}, whose token caches live as
 * long as the profile is unchanged.
 */
package dev.switchboard.integrations.auth;
