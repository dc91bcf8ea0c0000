package dev.switchboard.integrations.auth;

/** How an auth profile authenticates calls. */
public enum AuthKind {
  /** No credential (a network-protected endpoint). */
  NONE,
  /** An API key in a header the profile names, e.g. {@code X-API-Key}. */
  API_KEY,
  /** {@code Authorization: Bearer <token>}. */
  BEARER,
  /** {@code Authorization: Basic}, user and password. */
  BASIC,
  /** OAuth 2.0 client credentials: a token fetched from a token endpoint, cached and renewed. */
  OAUTH2_CLIENT_CREDENTIALS,
  /** Kerberos SPNEGO: {@code Authorization: Negotiate} with a ticket for {@code HTTP/<host>}. */
  KERBEROS_SPNEGO
}
