package dev.switchboard.providers.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a provider URL may look like before anything is looked up: http or https, a host, no user
 * info, no numeric host other than a canonical IP literal, and not a name that always means this
 * machine or the cloud's metadata service.
 */
final class HostSyntax {

  /**
   * A URL's host.
   *
   * @param name lower case, without brackets or a final dot: what DNS and the allow-list see
   * @param literal the address when the host is an IP literal, else {@code null}
   */
  record Host(String name, InetAddress literal) {}

  private static final Pattern NAME =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Set<String> LOOPBACK_NAMES =
      Set.of("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback");
  private static final Set<String> METADATA_NAMES =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal");

  private HostSyntax() {}

  /** Checks a URL's form and returns its host; refusals name the host, never user info. */
  static Host host(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw AddressPolicy.refused(
          "scheme '"
              + (scheme.isEmpty() ? "(none)" : scheme)
              + "' is not allowed: only http and https");
    }
    if (uri.getRawUserInfo() != null) {
      throw AddressPolicy.refused(
          "user info in a provider URL is not allowed (host '" + uri.getHost() + "')");
    }
    String raw = uri.getHost();
    if (raw == null || raw.isEmpty()) {
      // java.net.URI leaves the host empty for forms like 127.1 and 0x7f.1: say why
      String shown = shownAuthority(uri);
      String hostPart = shown.replaceFirst(":[0-9]*$", "");
      throw AddressPolicy.refused(
          !hostPart.isEmpty() && Literals.looksNumeric(hostPart)
              ? "host '" + hostPart + "' is a non-canonical numeric address"
              : "URL has no valid host: '" + shown + "'");
    }
    if (raw.startsWith("[")) {
      String inner = raw.substring(1, raw.length() - 1);
      int zone = inner.indexOf('%');
      InetAddress literal = Literals.parse(zone < 0 ? inner : inner.substring(0, zone));
      if (literal == null) {
        throw AddressPolicy.refused("host '" + raw + "' is not a valid IPv6 address");
      }
      return new Host(inner.toLowerCase(Locale.ROOT), literal);
    }
    String name = raw.toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (Literals.looksNumeric(name)) {
      InetAddress literal = Literals.parse(name);
      if (literal == null) {
        throw AddressPolicy.refused(
            "host '" + raw + "' is a non-canonical numeric address: write it as a dotted quad");
      }
      return new Host(name, literal);
    }
    if (!NAME.matcher(name).matches()) {
      throw AddressPolicy.refused("host '" + raw + "' is not a valid host name");
    }
    return new Host(name, null);
  }

  /** The rule for a name that always means this machine or a metadata service, if it is one. */
  static Optional<String> reservedName(String name) {
    if (LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost")) {
      return Optional.of("a loopback name");
    }
    if (METADATA_NAMES.contains(name)) {
      return Optional.of("a cloud metadata name");
    }
    return Optional.empty();
  }

  /** Whether an allow-list entry is a host name (not an address, not a pattern). */
  static boolean isName(String text) {
    return NAME.matcher(text).matches() && !Literals.looksNumeric(text);
  }

  private static String shownAuthority(URI uri) {
    String authority = uri.getRawAuthority();
    if (authority == null) {
      return "";
    }
    return authority.substring(authority.lastIndexOf('@') + 1);
  }
}
