package dev.switchboard.providers.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals, read strictly and without DNS. Only the canonical dotted quad counts as
 * IPv4: {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} and {@code 127.1} are numbers the OS
 * resolver would turn into 127.0.0.1 (and Java into other addresses), so they are refused rather
 * than interpreted.
 */
final class Literals {

  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9A-Fa-f]*");

  private Literals() {}

  /** The address a canonical literal stands for, or {@code null} if the text is not one. */
  static InetAddress parse(String text) {
    try {
      if (DOTTED_QUAD.matcher(text).matches()) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int v = Integer.parseInt(parts[i]);
          if (v > 255) {
            return null;
          }
          bytes[i] = (byte) v;
        }
        return InetAddress.getByAddress(bytes);
      }
      if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
        // the bracketed form is parsed as a literal or refused; it never reaches DNS
        return InetAddress.getByName("[" + text + "]");
      }
    } catch (UnknownHostException e) {
      return null;
    }
    return null;
  }

  /**
   * Whether a host is meant as a number: its last label is decimal or hex, as no DNS name's top
   * label is (the rule WHATWG URL parsing uses too).
   */
  static boolean looksNumeric(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String last = h.substring(h.lastIndexOf('.') + 1);
    return NUMERIC_LABEL.matcher(last).matches();
  }

  static String text(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address length", e);
    }
  }
}
