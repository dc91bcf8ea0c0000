package dev.switchboard.core.error;

import java.util.Collection;
import java.util.regex.Pattern;

/** Makes an error message safe to log and to show: no secrets, no control bytes, bounded. */
final class SafeMessage {

  static final int MAX_LENGTH = 300;
  private static final String MASK = "[redacted]";

  // Shapes of credentials that providers echo back in error messages ("Incorrect API key
  // provided: sk-...") or that may sneak in through a URL or header.
  private static final Pattern CREDENTIAL_SHAPES =
      Pattern.compile(
          "(?i)(sk-[a-z0-9_\\-*]{6,}|AIza[0-9a-z_\\-]{10,}|bearer\\s+[^\\s\"',]+"
              + "|(?:api[-_]?key|key|token|secret|password)\\s*[=:]\\s*[^\\s\"',&]+)");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]+");

  private SafeMessage() {}

  static String sanitize(String raw, Collection<String> secrets) {
    if (raw == null || raw.isBlank()) {
      return "(no message)";
    }
    String text = raw;
    for (String secret : secrets) {
      if (secret.length() >= 4) {
        text = text.replace(secret, MASK);
      }
    }
    text = CREDENTIAL_SHAPES.matcher(text).replaceAll(MASK);
    text = CONTROL.matcher(text).replaceAll(" ").strip();
    if (text.length() > MAX_LENGTH) {
      text = text.substring(0, MAX_LENGTH) + "...";
    }
    return text;
  }
}
