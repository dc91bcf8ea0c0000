package dev.switchboard.providers.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges that are not the public internet, each with the rule that names it. An IPv6
 * address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by that IPv4 address
 * too, so {@code ::ffff:169.254.169.254} is cloud metadata.
 */
final class AddressRanges {

  static final String METADATA = "cloud metadata";

  /**
   * Why an address is refused by default.
   *
   * @param kind e.g. {@code loopback}, {@code cloud metadata}
   * @param range the range it falls in, e.g. {@code 127.0.0.0/8}
   * @param form how it was written when it came embedded in IPv6, or empty
   */
  record Rule(String kind, String range, String form) {
    boolean metadata() {
      return kind.equals(METADATA);
    }

    @Override
    public String toString() {
      return kind + " (" + range + (form.isEmpty() ? "" : ", " + form) + ")";
    }
  }

  private record Range(Cidr cidr, String kind) {}

  // first match wins: the metadata addresses come before the ranges that hold them
  private static final List<Range> RANGES =
      List.of(
          range("0.0.0.0/8", "unspecified"),
          range("10.0.0.0/8", "private"),
          range("100.64.0.0/10", "shared CGNAT"),
          range("127.0.0.0/8", "loopback"),
          range("169.254.169.254/32", METADATA),
          range("169.254.0.0/16", "link-local"),
          range("172.16.0.0/12", "private"),
          range("192.0.0.0/24", "IETF protocol assignments"),
          range("192.0.2.0/24", "documentation"),
          range("192.168.0.0/16", "private"),
          range("198.18.0.0/15", "benchmarking"),
          range("198.51.100.0/24", "documentation"),
          range("203.0.113.0/24", "documentation"),
          range("224.0.0.0/4", "multicast"),
          range("255.255.255.255/32", "broadcast"),
          range("240.0.0.0/4", "reserved"),
          range("::/128", "unspecified"),
          range("::1/128", "loopback"),
          range("fd00:ec2::254/128", METADATA),
          range("fc00::/7", "unique-local"),
          range("fe80::/10", "link-local"),
          range("fec0::/10", "site-local"),
          range("ff00::/8", "multicast"),
          range("64:ff9b:1::/48", "local-use NAT64"),
          range("100::/64", "discard-only"),
          range("2001:db8::/32", "documentation"));

  private AddressRanges() {}

  /** The rule that refuses this address by default, or empty for a public unicast address. */
  static Optional<Rule> rule(InetAddress address) {
    Optional<Rule> own = ownRule(address, "");
    if (own.isPresent()) {
      return own;
    }
    return embeddedIpv4(address)
        .flatMap(v4 -> ownRule(v4, embeddingName(address) + " " + address.getHostAddress()));
  }

  /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address. */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    String kind = embeddingName(address);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    int from = kind.equals("6to4") ? 2 : 12;
    try {
      return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String embeddingName(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length != 16) {
      return "";
    }
    if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return "IPv4-mapped";
    }
    if (zero(b, 0, 12)) {
      return "IPv4-compatible";
    }
    if (b[0] == 0
        && b[1] == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && zero(b, 4, 12)) {
      return "NAT64";
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return "6to4";
    }
    return "";
  }

  private static Optional<Rule> ownRule(InetAddress address, String form) {
    for (Range r : RANGES) {
      if (r.cidr().contains(address)) {
        return Optional.of(new Rule(r.kind(), r.cidr().toString(), form));
      }
    }
    return Optional.empty();
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static Range range(String cidr, String kind) {
    return new Range(Cidr.parse(cidr), kind);
  }
}
