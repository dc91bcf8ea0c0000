package dev.switchboard.variables;

import java.util.Locale;
import java.util.Set;

/**
 * The rules a configured header must pass before a request is built from it, once its value has
 * been resolved. They close header injection through variables: a value with CR or LF could start a
 * new header or a second request, and hop-by-hop or framing headers set by configuration could
 * redirect or desynchronise the connection. The HTTP client sets those itself.
 */
public final class HeaderRules {

  /** Headers configuration may never set, in lower case. */
  public static final Set<String> FORBIDDEN =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "upgrade",
          "expect");

  private static final int MAX_NAME_SHOWN = 64;
  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

  private HeaderRules() {}

  /**
   * Checks a header name and its resolved value.
   *
   * @param name the header name
   * @param value the resolved value
   * @throws HeaderRuleException if either is refused
   */
  public static void check(String name, String value) {
    checkName(name);
    checkValue(name, value);
  }

  /**
   * Checks a header name: an RFC 7230 token, and not a hop-by-hop or framing header.
   *
   * @param name the header name
   * @throws HeaderRuleException if the name is malformed or may not be configured
   */
  public static void checkName(String name) {
    if (!isToken(name)) {
      throw new HeaderRuleException(
          printable(name),
          "Header name "
              + printable(name)
              + " is not a valid HTTP token: letters, digits and !#$%&'*+-.^_`|~ only, not empty");
    }
    if (isForbidden(name)) {
      throw new HeaderRuleException(
          name,
          "Header "
              + name
              + " cannot be set through configuration: the HTTP client sets hop-by-hop and"
              + " framing headers itself");
    }
  }

  /**
   * Checks a resolved header value: no CR, LF, NUL or other control character except tab.
   *
   * @param name the header name, for the message only
   * @param value the resolved value
   * @throws HeaderRuleException if the value is refused; the message names the header only
   */
  public static void checkValue(String name, String value) {
    if (value == null) {
      throw new HeaderRuleException(printable(name), "Header " + printable(name) + " has no value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new HeaderRuleException(
            printable(name),
            "The value of header "
                + printable(name)
                + " contains a control character ("
                + describe(c)
                + "), which could inject headers; check the variables it uses");
      }
    }
  }

  /**
   * Whether configuration may never set a header, whatever its case.
   *
   * @param name the header name
   * @return true for hop-by-hop and framing headers
   */
  public static boolean isForbidden(String name) {
    return name != null && FORBIDDEN.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a text is an RFC 7230 token, as header names must be.
   *
   * @param name the candidate name
   * @return true if it is a non-empty token
   */
  public static boolean isToken(String name) {
    return name != null && !name.isEmpty() && validPrefixLength(name) == name.length();
  }

  private static String describe(char c) {
    switch (c) {
      case '\r':
        return "CR";
      case '\n':
        return "LF";
      case '\0':
        return "NUL";
      default:
        return String.format("U+%04X", (int) c);
    }
  }

  /**
   * The name, safe to show: only its leading token characters, capped, since a malformed name (for
   * example {@code Authorization: Bearer ...}) may carry a value after them.
   */
  private static String printable(String name) {
    if (name == null) {
      return "(none)";
    }
    int valid = validPrefixLength(name);
    String shown = name.substring(0, Math.min(valid, MAX_NAME_SHOWN));
    String quoted = "'" + shown + (valid > MAX_NAME_SHOWN ? "...'" : "'");
    return valid == name.length()
        ? quoted
        : quoted + " (invalid character at position " + valid + ")";
  }

  private static int validPrefixLength(String name) {
    int i = 0;
    while (i < name.length() && isTokenChar(name.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || TOKEN_SYMBOLS.indexOf(c) >= 0;
  }
}
