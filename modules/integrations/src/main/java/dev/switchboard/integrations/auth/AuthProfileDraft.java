package dev.switchboard.integrations.auth;

/**
 * What a caller may set on an auth profile; which fields apply depends on the kind. Secrets are
 * write-only: on update {@code null} keeps the stored one. Owner and workspace come from the
 * caller. {@code secret}, {@code username} and {@code tokenEndpoint} may hold variable references
 * such as {@code {{env.CLIENT_SECRET}}}.
 *
 * @param headerName {@code API_KEY}: the header carrying the key
 * @param username {@code BASIC}: the user; {@code OAUTH2_CLIENT_CREDENTIALS}: the client id; {@code
 *     KERBEROS_SPNEGO}: the principal
 * @param secret the API key, bearer token, basic password, client secret, or Kerberos password
 * @param tokenEndpoint {@code OAUTH2_CLIENT_CREDENTIALS}: the token URL
 * @param keytab {@code KERBEROS_SPNEGO}: the keytab file, base64 (instead of a password)
 * @param realm {@code KERBEROS_SPNEGO}: the realm
 * @param kdc {@code KERBEROS_SPNEGO}: the KDC as {@code host[:port]}, or empty to use the server's
 *     Kerberos configuration
 */
public record AuthProfileDraft(
    String name,
    AuthKind kind,
    String headerName,
    String username,
    String secret,
    String tokenEndpoint,
    String scope,
    String audience,
    String keytab,
    String realm,
    String kdc) {}
