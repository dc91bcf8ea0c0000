package dev.switchboard.providers.net;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address range, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a /32 or /128.
 */
final class Cidr {

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses {@code address/prefix} or a bare address literal; never looks anything up in DNS.
   *
   * @throws IllegalArgumentException saying what is wrong (not which entry: the caller names it)
   */
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String addressPart = slash < 0 ? text : text.substring(0, slash);
    InetAddress address = Literals.parse(addressPart);
    if (address == null) {
      throw new IllegalArgumentException("not an IP address literal");
    }
    byte[] bytes = address.getAddress();
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
        throw new IllegalArgumentException("prefix length must be 0-" + bits);
      }
      prefix = Integer.parseInt(p);
    }
    Cidr cidr = new Cidr(bytes, prefix);
    if (!Arrays.equals(cidr.masked(bytes), bytes)) {
      throw new IllegalArgumentException("bits set after the prefix (did you mean " + cidr + "?)");
    }
    return cidr;
  }

  boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  /** Whether this range is one address: only such an entry can open a cloud metadata address. */
  boolean isSingleAddress() {
    return prefix == network.length * 8;
  }

  private boolean contains(byte[] bytes) {
    return bytes.length == network.length && Arrays.equals(masked(bytes), masked(network));
  }

  private byte[] masked(byte[] bytes) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && prefix == c.prefix && Arrays.equals(network, c.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  /** Canonical text: {@code 127.0.0.1/32}, {@code fd00:0:0:0:0:0:0:0/8}. */
  @Override
  public String toString() {
    return Literals.text(masked(network)) + "/" + prefix;
  }
}
