package dev.switchboard.providers.net;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which hosts and addresses provider calls may reach (the SSRF guard). {@link #defaults()} allows
 * the public internet only: loopback, private, shared (CGNAT), link-local, unique-local,
 * unspecified, multicast, broadcast and reserved ranges, cloud metadata addresses and names, and
 * IPv6 forms that embed any of those IPv4 addresses are refused. An administrator opens exceptions
 * with {@link #withAllowed(String...)}: CIDR ranges ({@code 10.0.0.0/8}), single addresses ({@code
 * 127.0.0.1}) and exact host names ({@code ollama.internal}).
 *
 * <p>A cloud metadata address (169.254.169.254, fd00:ec2::254) is opened only by an entry for that
 * very address, never by a wider range or by a host name that resolves to it.
 *
 * <p>Refusals are {@link ProviderException}s, category {@code BAD_REQUEST}, code {@value #CODE},
 * whose message names the host and the rule. Immutable and thread-safe.
 */
public final class AddressPolicy {

  /** The provider code of every refusal. */
  public static final String CODE = "address_not_allowed";

  /** How host names become addresses; the JDK's resolver outside tests. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final AddressPolicy DEFAULTS =
      new AddressPolicy(List.of(), Set.of(), InetAddress::getAllByName);

  private final List<Cidr> ranges;
  private final Set<String> hosts;
  private final Resolver resolver;

  private AddressPolicy(List<Cidr> ranges, Set<String> hosts, Resolver resolver) {
    this.ranges = List.copyOf(ranges);
    this.hosts = Set.copyOf(hosts);
    this.resolver = resolver;
  }

  /** The public internet only. */
  public static AddressPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * This policy plus more allowed entries: CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}),
   * single IP addresses, or exact host names (no wildcards). Blank entries are ignored.
   *
   * @throws IllegalArgumentException naming the first invalid entry and what is wrong with it
   */
  public AddressPolicy withAllowed(String... entries) {
    List<Cidr> newRanges = new ArrayList<>(ranges);
    Set<String> newHosts = new LinkedHashSet<>(hosts);
    for (String entry : entries) {
      String e = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
      String name = e.endsWith(".") ? e.substring(0, e.length() - 1) : e;
      if (e.isEmpty()) {
        continue;
      }
      try {
        if (e.contains("://")) {
          throw new IllegalArgumentException("a URL: give the host name or an address range");
        } else if (e.contains("/") || e.contains(":") || Literals.looksNumeric(e)) {
          newRanges.add(Cidr.parse(e));
        } else if (e.contains("*")) {
          throw new IllegalArgumentException("wildcards are not supported: list each host name");
        } else if (HostSyntax.isName(name)) {
          newHosts.add(name);
        } else {
          throw new IllegalArgumentException("neither a CIDR range, an IP address nor a host name");
        }
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(
            "invalid network allow-list entry '" + entry.strip() + "': " + bad.getMessage(), bad);
      }
    }
    return new AddressPolicy(newRanges, newHosts, resolver);
  }

  /** The allowed entries in canonical form: ranges, then host names. */
  public List<String> allowed() {
    List<String> out = new ArrayList<>();
    ranges.forEach(r -> out.add(r.toString()));
    out.addAll(hosts);
    return List.copyOf(out);
  }

  /**
   * Checks what can be checked without DNS: scheme, user info, host syntax, reserved names, and the
   * address when the host is an IP literal.
   *
   * @throws ProviderException {@code BAD_REQUEST} / {@value #CODE} when refused
   */
  public void check(URI uri) {
    HostSyntax.Host host = HostSyntax.host(uri);
    if (host.literal() != null) {
      checkAddress(host.name(), host.literal(), true, false);
    } else if (!hosts.contains(host.name())) {
      HostSyntax.reservedName(host.name())
          .ifPresent(rule -> refuse("host '" + host.name() + "' is " + rule));
    }
  }

  /**
   * Checks one address against the default rules and the allowed ranges.
   *
   * @throws ProviderException {@code BAD_REQUEST} / {@value #CODE} when refused
   */
  public void check(InetAddress address) {
    checkAddress(address.getHostAddress(), address, true, false);
  }

  /**
   * Checks the URL, resolves its host and checks every address it resolves to (one forbidden
   * address refuses the host: a name answering public and private addresses is a rebinding
   * attempt), then returns the address to connect to. Callers connect to that address and do not
   * resolve the name again.
   *
   * @throws ProviderException {@code BAD_REQUEST} / {@value #CODE} when refused; {@code
   *     UNAVAILABLE} / {@code unknown_host} when the name does not resolve
   */
  public InetAddress resolve(URI uri) {
    check(uri);
    HostSyntax.Host host = HostSyntax.host(uri);
    if (host.literal() != null) {
      return host.literal();
    }
    InetAddress[] all;
    try {
      all = resolver.resolve(host.name());
    } catch (UnknownHostException e) {
      all = new InetAddress[0];
    }
    if (all == null || all.length == 0) {
      throw ProviderException.builder(
              ErrorCategory.UNAVAILABLE, "could not resolve host '" + host.name() + "'")
          .providerCode("unknown_host")
          .build();
    }
    boolean named = hosts.contains(host.name());
    for (InetAddress a : all) {
      checkAddress(host.name(), a, false, named);
    }
    return all[0];
  }

  /** The same policy resolving names with another resolver: for tests that stage DNS answers. */
  AddressPolicy withResolver(Resolver other) {
    return new AddressPolicy(ranges, hosts, Objects.requireNonNull(other));
  }

  static ProviderException refused(String message) {
    return ProviderException.builder(ErrorCategory.BAD_REQUEST, "address not allowed: " + message)
        .providerCode(CODE)
        .build();
  }

  private void checkAddress(String host, InetAddress address, boolean literal, boolean namedHost) {
    Optional<AddressRanges.Rule> rule = AddressRanges.rule(address);
    if (rule.isEmpty() || allows(address, rule.get(), namedHost)) {
      return;
    }
    String shown = address.getHostAddress();
    String what =
        shown.equalsIgnoreCase(host)
            ? "is"
            : (literal ? "is the address " : "resolves to ") + shown + ", which is";
    refuse("host '" + host + "' " + what + " " + rule.get() + "; refused unless allow-listed");
  }

  private boolean allows(InetAddress address, AddressRanges.Rule rule, boolean namedHost) {
    if (namedHost && !rule.metadata()) {
      return true;
    }
    List<InetAddress> forms = new ArrayList<>(List.of(address));
    AddressRanges.embeddedIpv4(address).ifPresent(forms::add);
    for (Cidr range : ranges) {
      if ((!rule.metadata() || range.isSingleAddress())
          && forms.stream().anyMatch(range::contains)) {
        return true;
      }
    }
    return false;
  }

  private static void refuse(String message) {
    throw refused(message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressPolicy p
        && ranges.equals(p.ranges)
        && hosts.equals(p.hosts)
        && resolver == p.resolver;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ranges, hosts);
  }

  /** {@code public-only}, or {@code public+[127.0.0.1/32, ollama.internal]}. */
  @Override
  public String toString() {
    return ranges.isEmpty() && hosts.isEmpty() ? "public-only" : "public+" + allowed();
  }
}
