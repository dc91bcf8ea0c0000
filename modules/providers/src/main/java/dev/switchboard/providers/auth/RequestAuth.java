package dev.switchboard.providers.auth;

import java.net.URI;
import java.util.Map;

/**
 * How calls to an endpoint authenticate when an auth profile says so, rather than by the provider's
 * own key header: a static header, an OAuth 2.0 access token, a Kerberos SPNEGO token. Asked for
 * headers once per call (so tokens can be fetched, cached and renewed here); implementations are
 * thread-safe. The header values are secrets: callers mask them in errors and never log them.
 */
public interface RequestAuth {

  /**
   * The headers that authenticate one call.
   *
   * @param target the URI the call goes to (SPNEGO names the service after its host)
   * @throws dev.switchboard.core.error.ProviderException with category {@code AUTHENTICATION} when
   *     no credential can be obtained (a token endpoint refusing the client, a KDC refusing the
   *     principal)
   */
  Map<String, String> headers(URI target);

  /**
   * The endpoint answered 401: forget any cached credential so the next {@link #headers} obtains a
   * fresh one.
   *
   * @return whether a retry with a fresh credential may succeed (false for static credentials)
   */
  default boolean renewAfterUnauthorized() {
    return false;
  }

  /**
   * Forgets every credential obtained and kept (access tokens, Kerberos tickets), destroying what
   * can be destroyed: the owner no longer keeps this instance. A later {@link #headers} still works
   * but obtains a fresh credential and keeps nothing.
   */
  default void close() {}
}
