package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ProviderException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one request really goes: the address the request's {@code AddressPolicy} checked, pinned so
 * that the JDK client cannot look the name up again and get another answer (DNS rebinding). For a
 * host name the request is sent to the IP literal with the original {@code Host} header; over https
 * the TLS handshake still sends the name (SNI) and checks the certificate against it.
 *
 * @param target the URI to hand to the JDK client
 * @param hostHeader the {@code Host} header to send, or {@code null} to let the client derive it
 * @param tlsName the name for SNI and certificate checks when {@code target} is an IP literal over
 *     https, else {@code null}
 */
record Route(URI target, String hostHeader, String tlsName) {

  /**
   * Resolves and checks the request's host and pins the result; without {@code pinning} (the {@code
   * Host} header cannot be set) the check still happens and the client resolves the name again,
   * hitting the JVM's DNS cache.
   *
   * @throws ProviderException the policy's refusal, attributed to the request's provider
   */
  static Route of(TransportRequest r, boolean pinning) {
    URI uri = r.uri();
    InetAddress address;
    try {
      address = r.addressPolicy().resolve(uri);
    } catch (ProviderException e) {
      throw TransportFailures.attributed(r, e);
    }
    String host = uri.getHost();
    boolean literal =
        host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (!pinning || literal) {
      return new Route(uri, null, null);
    }
    String name = host.toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    return new Route(pinned(uri, address), uri.getRawAuthority(), https ? name : null);
  }

  /** Same scheme, host and port: the only redirects followed. */
  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static URI pinned(URI uri, InetAddress address) {
    String ip = address.getHostAddress();
    String literal = address instanceof Inet6Address ? "[" + ip.replace("%", "%25") + "]" : ip;
    return URI.create(
        uri.getScheme()
            + "://"
            + literal
            + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  private static int effectivePort(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
